package org.openvault.proxy.engine.eventloop.http2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what a client sends on an HTTP/2 connection (RFC 9113): the connection preface, then frames one at a time,
 * each checked for the size, stream and flag rules of its type, padding removed, and a header block gathered from
 * HEADERS and its CONTINUATION frames (bounded: a block larger than {@code maxBlock} or split into more than
 * {@link #MAX_CONTINUATIONS} frames is a flood). Unknown frame types are skipped.
 */
public final class FrameReader {

    /** What the reader found; each call handles one frame. */
    public interface Handler {

        /** A whole header block (HEADERS plus CONTINUATION), padding and priority fields removed. */
        void headers(int streamId, byte[] block, int length, boolean endStream) throws Http2Error;

        /** DATA payload {@code [offset, offset + length)}; {@code flowControlled} counts the padding too. */
        void data(int streamId, byte[] bytes, int offset, int length, int flowControlled, boolean endStream) throws Http2Error;

        void rstStream(int streamId, int code) throws Http2Error;

        /** One setting of a SETTINGS frame (not an ACK), in order; {@link #settingsEnd} follows the last one. */
        void setting(int id, long value) throws Http2Error;

        void settingsEnd() throws Http2Error;

        void settingsAcknowledged() throws Http2Error;

        void ping(long opaque) throws Http2Error;

        void goAway(int lastStreamId, int code) throws Http2Error;

        void windowUpdate(int streamId, int increment) throws Http2Error;

        /** A PRIORITY frame (its content is ignored: this side does not prioritise). */
        void priority(int streamId) throws Http2Error;
    }

    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** CONTINUATION frames allowed after one HEADERS frame. */
    static final int MAX_CONTINUATIONS = 64;

    private final int maxBlock;
    private boolean prefaceSeen;
    private boolean settingsSeen;
    /** The header block being gathered, or 0 when none is. */
    private int blockStream;
    private boolean blockEndStream;
    private int continuations;
    private byte[] block = new byte[4096];
    private int blockLength;

    public FrameReader(int maxBlock) {
        this.maxBlock = maxBlock;
    }

    /**
     * Handles the next frame complete in {@code in} (read mode), consuming it: false when no whole frame is there
     * yet (nothing consumed). Throws the error the frame makes; a stream error leaves the reader usable.
     */
    public boolean next(ByteBuffer in, Handler handler) throws Http2Error {
        if (!prefaceSeen) {
            if (in.remaining() < PREFACE.length) {
                if (!Arrays.equals(PREFACE, 0, in.remaining(), in.array(), in.position(), in.limit())) {
                    throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "not the HTTP/2 connection preface");
                }
                return false;
            }
            if (!Arrays.equals(PREFACE, 0, PREFACE.length, in.array(), in.position(), in.position() + PREFACE.length)) {
                throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "not the HTTP/2 connection preface");
            }
            in.position(in.position() + PREFACE.length);
            prefaceSeen = true;
        }
        if (in.remaining() < Frames.HEADER_LENGTH) {
            return false;
        }
        int start = in.position();
        int length = ((in.get(start) & 0xff) << 16) | ((in.get(start + 1) & 0xff) << 8) | (in.get(start + 2) & 0xff);
        if (length > Frames.MIN_MAX_FRAME_SIZE) {
            throw Http2Error.connection(Http2Error.FRAME_SIZE_ERROR, "frame of " + length + " bytes");
        }
        if (in.remaining() < Frames.HEADER_LENGTH + length) {
            return false;
        }
        int type = in.get(start + 3) & 0xff;
        int flags = in.get(start + 4) & 0xff;
        int streamId = in.getInt(start + 5) & Integer.MAX_VALUE;
        int payload = start + Frames.HEADER_LENGTH;
        in.position(payload + length);
        if (!settingsSeen && type != Frames.SETTINGS) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "the preface must end with SETTINGS");
        }
        if (blockStream != 0 && (type != Frames.CONTINUATION || streamId != blockStream)) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "header block interrupted");
        }
        byte[] bytes = in.array();
        int offset = in.arrayOffset() + payload;
        switch (type) {
            case Frames.DATA -> {
                requireStream(streamId);
                int padding = padding(bytes, offset, length, flags);
                int dataOffset = offset + ((flags & Frames.FLAG_PADDED) != 0 ? 1 : 0);
                int dataLength = length - padding - ((flags & Frames.FLAG_PADDED) != 0 ? 1 : 0);
                handler.data(streamId, bytes, dataOffset, dataLength, length, (flags & Frames.FLAG_END_STREAM) != 0);
            }
            case Frames.HEADERS -> {
                requireStream(streamId);
                int padding = padding(bytes, offset, length, flags);
                int skip = ((flags & Frames.FLAG_PADDED) != 0 ? 1 : 0) + ((flags & Frames.FLAG_PRIORITY) != 0 ? 5 : 0);
                if (skip + padding > length) {
                    throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "HEADERS shorter than its padding and priority");
                }
                if ((flags & Frames.FLAG_PRIORITY) != 0 && (ByteBuffer.wrap(bytes, offset + skip - 5, 4).getInt()
                        & Integer.MAX_VALUE) == streamId) {
                    throw Http2Error.stream(streamId, Http2Error.PROTOCOL_ERROR, "stream depends on itself");
                }
                blockLength = 0;
                continuations = 0;
                blockEndStream = (flags & Frames.FLAG_END_STREAM) != 0;
                fragment(bytes, offset + skip, length - skip - padding, streamId, flags, handler);
            }
            case Frames.CONTINUATION -> {
                if (blockStream == 0) {
                    throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "CONTINUATION without HEADERS");
                }
                if (++continuations > MAX_CONTINUATIONS) {
                    throw Http2Error.connection(Http2Error.ENHANCE_YOUR_CALM, "too many CONTINUATION frames");
                }
                fragment(bytes, offset, length, streamId, flags, handler);
            }
            case Frames.PRIORITY -> {
                requireStream(streamId);
                if (length != 5) {
                    throw Http2Error.stream(streamId, Http2Error.FRAME_SIZE_ERROR, "PRIORITY of " + length + " bytes");
                }
                handler.priority(streamId);
            }
            case Frames.RST_STREAM -> {
                requireStream(streamId);
                requireLength(length, 4, "RST_STREAM");
                handler.rstStream(streamId, ByteBuffer.wrap(bytes, offset, 4).getInt());
            }
            case Frames.SETTINGS -> settings(bytes, offset, length, flags, streamId, handler);
            case Frames.PUSH_PROMISE -> throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "PUSH_PROMISE from a client");
            case Frames.PING -> {
                requireConnection(streamId, "PING");
                requireLength(length, 8, "PING");
                if ((flags & Frames.FLAG_ACK) == 0) {
                    handler.ping(ByteBuffer.wrap(bytes, offset, 8).getLong());
                }
            }
            case Frames.GOAWAY -> {
                requireConnection(streamId, "GOAWAY");
                if (length < 8) {
                    throw Http2Error.connection(Http2Error.FRAME_SIZE_ERROR, "GOAWAY of " + length + " bytes");
                }
                ByteBuffer fields = ByteBuffer.wrap(bytes, offset, 8);
                handler.goAway(fields.getInt() & Integer.MAX_VALUE, fields.getInt());
            }
            case Frames.WINDOW_UPDATE -> {
                requireLength(length, 4, "WINDOW_UPDATE");
                int increment = ByteBuffer.wrap(bytes, offset, 4).getInt() & Integer.MAX_VALUE;
                if (increment == 0) {
                    throw streamId == 0 ? Http2Error.connection(Http2Error.PROTOCOL_ERROR, "WINDOW_UPDATE of 0")
                            : Http2Error.stream(streamId, Http2Error.PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
                }
                handler.windowUpdate(streamId, increment);
            }
            default -> {
                // Unknown types are ignored (RFC 9113, 4.1): extensions the client may try.
            }
        }
        return true;
    }

    private void fragment(byte[] bytes, int offset, int length, int streamId, int flags, Handler handler) throws Http2Error {
        if (blockLength + length > maxBlock) {
            throw Http2Error.connection(Http2Error.ENHANCE_YOUR_CALM, "header block larger than " + maxBlock + " bytes");
        }
        if (blockLength + length > block.length) {
            block = Arrays.copyOf(block, Math.min(maxBlock, Math.max(block.length * 2, blockLength + length)));
        }
        System.arraycopy(bytes, offset, block, blockLength, length);
        blockLength += length;
        if ((flags & Frames.FLAG_END_HEADERS) == 0) {
            blockStream = streamId;
            return;
        }
        blockStream = 0;
        handler.headers(streamId, block, blockLength, blockEndStream);
    }

    private void settings(byte[] bytes, int offset, int length, int flags, int streamId, Handler handler) throws Http2Error {
        requireConnection(streamId, "SETTINGS");
        if ((flags & Frames.FLAG_ACK) != 0) {
            if (length != 0) {
                throw Http2Error.connection(Http2Error.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
            }
            handler.settingsAcknowledged();
            return;
        }
        if (length % 6 != 0) {
            throw Http2Error.connection(Http2Error.FRAME_SIZE_ERROR, "SETTINGS of " + length + " bytes");
        }
        settingsSeen = true;
        ByteBuffer fields = ByteBuffer.wrap(bytes, offset, length);
        while (fields.hasRemaining()) {
            int id = fields.getShort() & 0xffff;
            long value = fields.getInt() & 0xffffffffL;
            switch (id) {
                case Frames.SETTINGS_ENABLE_PUSH -> {
                    if (value > 1) {
                        throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH of " + value);
                    }
                }
                case Frames.SETTINGS_INITIAL_WINDOW_SIZE -> {
                    if (value > Frames.MAX_WINDOW) {
                        throw Http2Error.connection(Http2Error.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE of " + value);
                    }
                }
                case Frames.SETTINGS_MAX_FRAME_SIZE -> {
                    if (value < Frames.MIN_MAX_FRAME_SIZE || value > Frames.MAX_MAX_FRAME_SIZE) {
                        throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE of " + value);
                    }
                }
                default -> {
                    // The rest need no check here.
                }
            }
            handler.setting(id, value);
        }
        handler.settingsEnd();
    }

    /** The padding length of a PADDED frame (0 otherwise), checked against the frame's length. */
    private static int padding(byte[] bytes, int offset, int length, int flags) throws Http2Error {
        if ((flags & Frames.FLAG_PADDED) == 0) {
            return 0;
        }
        if (length < 1 || (bytes[offset] & 0xff) >= length) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "padding as long as the frame");
        }
        return bytes[offset] & 0xff;
    }

    private static void requireStream(int streamId) throws Http2Error {
        if (streamId == 0) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, "stream frame on stream 0");
        }
    }

    private static void requireConnection(int streamId, String type) throws Http2Error {
        if (streamId != 0) {
            throw Http2Error.connection(Http2Error.PROTOCOL_ERROR, type + " on a stream");
        }
    }

    private static void requireLength(int length, int expected, String type) throws Http2Error {
        if (length != expected) {
            throw Http2Error.connection(Http2Error.FRAME_SIZE_ERROR, type + " of " + length + " bytes");
        }
    }
}
