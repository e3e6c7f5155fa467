package org.openvault.proxy.http;

import java.io.IOException;

/**
 * Where a message body ends, found while its bytes pass through unchanged: a fixed length, chunked coding
 * (chunk sizes, extensions and trailers tracked, RFC 9112 7.1), or the end of the connection.
 */
public abstract sealed class BodyFraming {

    /** What the last {@link #take} left to relay (see {@link #relayed()}). */
    protected int lastTaken;
    /** The body's data bytes taken so far (without chunked framing). */
    protected long dataBytes;

    /** How many of the bytes in {@code [from, to)} still belong to the body (they are relayed as they are). */
    public abstract int take(byte[] bytes, int from, int to) throws IOException;

    /** Whether the whole body went through. */
    public abstract boolean done();

    public static BodyFraming none() {
        return new Fixed(0);
    }

    public static BodyFraming fixed(long length) {
        return new Fixed(length);
    }

    public static BodyFraming chunked() {
        return new Chunked(false);
    }

    /** Chunked coding removed on the way: only the data bytes are relayed (see {@link #relayed()}). */
    public static BodyFraming dechunked() {
        return new Chunked(true);
    }

    /**
     * How many bytes of the range given to the last {@link #take} are to be relayed, from its start: all of them,
     * except when framing is dropped (then the data bytes were moved to the start of the range).
     */
    public int relayed() {
        return lastTaken;
    }

    /** How many bytes of data (not of chunked framing) the body had so far. */
    public long dataBytes() {
        return dataBytes;
    }

    public static BodyFraming untilClose() {
        return new UntilClose();
    }

    public static final class Fixed extends BodyFraming {
        private long remaining;

        Fixed(long length) {
            this.remaining = length;
        }

        @Override
        public int take(byte[] bytes, int from, int to) {
            int taken = (int) Math.min(remaining, to - from);
            remaining -= taken;
            dataBytes += taken;
            lastTaken = taken;
            return taken;
        }

        @Override
        public boolean done() {
            return remaining == 0;
        }
    }

    public static final class UntilClose extends BodyFraming {
        @Override
        public int take(byte[] bytes, int from, int to) {
            lastTaken = to - from;
            dataBytes += to - from;
            return to - from;
        }

        @Override
        public boolean done() {
            return false;
        }
    }

    public static final class Chunked extends BodyFraming {
        private enum State {
            SIZE, SIZE_SPACE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_NAME, TRAILER_VALUE,
            TRAILER_LF, END_LF, DONE
        }

        private static final int MAX_LINE = 8192;

        /** Whether only the data goes on (the chunk framing dropped), for HTTP/1.0 clients. */
        private final boolean dataOnly;
        private State state = State.SIZE;
        private long size;
        private int sizeDigits;
        private long remaining;
        private int lineBytes;

        Chunked(boolean dataOnly) {
            this.dataOnly = dataOnly;
        }

        /*
         * Strict (RFC 9112, 7.1): the framing is relayed as it came, so anything another parser could read another
         * way is refused — a size is hex digits only (no sign, no 0x, at most 15 of them), lines end in CRLF, a
         * chunk's data is followed by CRLF exactly, extensions and trailer values hold no control bytes, and a
         * trailer line is a field name, a colon and a value.
         */
        @Override
        public int take(byte[] bytes, int from, int to) throws IOException {
            int i = from;
            int data = from;
            while (i < to && state != State.DONE) {
                if (state == State.DATA) {
                    int taken = (int) Math.min(remaining, to - i);
                    if (dataOnly) {
                        System.arraycopy(bytes, i, bytes, data, taken);
                        data += taken;
                    }
                    remaining -= taken;
                    dataBytes += taken;
                    i += taken;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                    continue;
                }
                byte b = bytes[i++];
                if (++lineBytes > MAX_LINE) {
                    throw new IOException("chunk line too long");
                }
                switch (state) {
                    case SIZE -> {
                        int digit = Character.digit(b, 16);
                        if (digit >= 0 && b < 0x80) {
                            if (++sizeDigits > 15) {
                                throw new IOException("chunk size too large");
                            }
                            size = size * 16 + digit;
                        } else if (sizeDigits > 0 && b == ';') {
                            state = State.EXTENSION;
                        } else if (sizeDigits > 0 && (b == ' ' || b == '\t')) {
                            state = State.SIZE_SPACE;
                        } else if (sizeDigits > 0 && b == '\r') {
                            state = State.SIZE_LF;
                        } else {
                            throw new IOException("malformed chunk size");
                        }
                    }
                    case SIZE_SPACE -> {
                        // Only whitespace before an extension's semicolon, nothing that could read as more digits.
                        if (b == ';') {
                            state = State.EXTENSION;
                        } else if (b == '\r') {
                            state = State.SIZE_LF;
                        } else if (b != ' ' && b != '\t') {
                            throw new IOException("malformed chunk size");
                        }
                    }
                    case EXTENSION -> {
                        if (b == '\r') {
                            state = State.SIZE_LF;
                        } else if (isControl(b)) {
                            throw new IOException("malformed chunk extension");
                        }
                    }
                    case SIZE_LF -> {
                        expect(b, '\n');
                        lineBytes = 0;
                        if (size == 0) {
                            state = State.TRAILER_START;
                        } else {
                            remaining = size;
                            state = State.DATA;
                        }
                        size = 0;
                        sizeDigits = 0;
                    }
                    case DATA_CR -> {
                        expect(b, '\r');
                        state = State.DATA_LF;
                    }
                    case DATA_LF -> {
                        expect(b, '\n');
                        lineBytes = 0;
                        state = State.SIZE;
                    }
                    case TRAILER_START -> {
                        if (b == '\r') {
                            state = State.END_LF;
                        } else if (HttpSyntax.isTokenChar(b)) {
                            state = State.TRAILER_NAME;
                        } else {
                            throw new IOException("malformed trailer field");
                        }
                    }
                    case TRAILER_NAME -> {
                        if (b == ':') {
                            state = State.TRAILER_VALUE;
                        } else if (!HttpSyntax.isTokenChar(b)) {
                            throw new IOException("malformed trailer field");
                        }
                    }
                    case TRAILER_VALUE -> {
                        if (b == '\r') {
                            state = State.TRAILER_LF;
                        } else if (isControl(b)) {
                            throw new IOException("malformed trailer field");
                        }
                    }
                    case TRAILER_LF -> {
                        expect(b, '\n');
                        lineBytes = 0;
                        state = State.TRAILER_START;
                    }
                    case END_LF -> {
                        expect(b, '\n');
                        state = State.DONE;
                    }
                    default -> throw new IllegalStateException(state.toString());
                }
            }
            lastTaken = dataOnly ? data - from : i - from;
            return i - from;
        }

        /** A control byte other than HTAB (CR and LF included: they only end lines). */
        private static boolean isControl(byte b) {
            return (b >= 0 && b < 0x20 && b != '\t') || b == 0x7f;
        }

        private static void expect(byte b, char wanted) throws IOException {
            if (b != wanted) {
                throw new IOException("malformed chunked body");
            }
        }

        @Override
        public boolean done() {
            return state == State.DONE;
        }
    }
}
