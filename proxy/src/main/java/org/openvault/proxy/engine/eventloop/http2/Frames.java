package org.openvault.proxy.engine.eventloop.http2;

import java.nio.ByteBuffer;

/** Frame types, flags and settings of RFC 9113 (section 6), and the frames this side sends, written into a buffer. */
public final class Frames {

    public static final int HEADER_LENGTH = 9;
    /** The smallest SETTINGS_MAX_FRAME_SIZE, and the one this side announces (the default). */
    public static final int MIN_MAX_FRAME_SIZE = 16_384;
    public static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;
    public static final int MAX_WINDOW = Integer.MAX_VALUE;
    public static final int DEFAULT_WINDOW = 65_535;

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;
    public static final int FLAG_PADDED = 0x8;
    public static final int FLAG_PRIORITY = 0x20;

    public static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    public static final int SETTINGS_ENABLE_PUSH = 0x2;
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    public static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    public static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    private Frames() {
    }

    public static void header(ByteBuffer out, int length, int type, int flags, int streamId) {
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length)
                .put((byte) type).put((byte) flags).putInt(streamId);
    }

    /** A SETTINGS frame with {@code idsAndValues} pairwise. */
    public static void settings(ByteBuffer out, int... idsAndValues) {
        header(out, idsAndValues.length / 2 * 6, SETTINGS, 0, 0);
        for (int i = 0; i < idsAndValues.length; i += 2) {
            out.putShort((short) idsAndValues[i]).putInt(idsAndValues[i + 1]);
        }
    }

    public static void settingsAck(ByteBuffer out) {
        header(out, 0, SETTINGS, FLAG_ACK, 0);
    }

    public static void pingAck(ByteBuffer out, long opaque) {
        header(out, 8, PING, FLAG_ACK, 0);
        out.putLong(opaque);
    }

    public static void windowUpdate(ByteBuffer out, int streamId, int increment) {
        header(out, 4, WINDOW_UPDATE, 0, streamId);
        out.putInt(increment);
    }

    public static void rstStream(ByteBuffer out, int streamId, int code) {
        header(out, 4, RST_STREAM, 0, streamId);
        out.putInt(code);
    }

    public static void goAway(ByteBuffer out, int lastStreamId, int code) {
        header(out, 8, GOAWAY, 0, 0);
        out.putInt(lastStreamId).putInt(code);
    }

    /** DATA frames carrying {@code bytes[offset, offset + length)}, none longer than {@code maxFrame}. */
    public static void data(ByteBuffer out, int streamId, byte[] bytes, int offset, int length, int maxFrame,
                            boolean endStream) {
        do {
            int size = Math.min(length, maxFrame);
            length -= size;
            header(out, size, DATA, endStream && length == 0 ? FLAG_END_STREAM : 0, streamId);
            out.put(bytes, offset, size);
            offset += size;
        } while (length > 0);
    }

    /** A header block as HEADERS and, past {@code maxFrame}, CONTINUATION frames. */
    public static void headers(ByteBuffer out, int streamId, byte[] block, int length, int maxFrame, boolean endStream) {
        int offset = 0;
        boolean first = true;
        do {
            int size = Math.min(length - offset, maxFrame);
            boolean last = offset + size == length;
            int flags = (last ? FLAG_END_HEADERS : 0) | (first && endStream ? FLAG_END_STREAM : 0);
            header(out, size, first ? HEADERS : CONTINUATION, flags, streamId);
            out.put(block, offset, size);
            offset += size;
            first = false;
        } while (offset < length);
    }

    /** The bytes {@link #headers} takes for a block of {@code length}. */
    public static int headersSize(int length, int maxFrame) {
        int frames = Math.max(1, (length + maxFrame - 1) / maxFrame);
        return length + frames * HEADER_LENGTH;
    }

    /** How much DATA payload fits in {@code space} bytes of frames of at most {@code maxFrame}. */
    public static int dataCapacity(int space, int maxFrame) {
        int whole = space / (maxFrame + HEADER_LENGTH);
        int rest = space - whole * (maxFrame + HEADER_LENGTH);
        return whole * maxFrame + Math.max(0, rest - HEADER_LENGTH);
    }
}
