package org.openvault.proxy.engine.eventloop.http2;

/**
 * An error RFC 9113 prescribes (section 5.4): on stream 0 a connection error (GOAWAY, then the connection closes),
 * on another stream a stream error (RST_STREAM on that stream only).
 */
public final class Http2Error extends Exception {

    public static final int NO_ERROR = 0x0;
    public static final int PROTOCOL_ERROR = 0x1;
    public static final int INTERNAL_ERROR = 0x2;
    public static final int FLOW_CONTROL_ERROR = 0x3;
    public static final int STREAM_CLOSED = 0x5;
    public static final int FRAME_SIZE_ERROR = 0x6;
    public static final int REFUSED_STREAM = 0x7;
    public static final int CANCEL = 0x8;
    public static final int COMPRESSION_ERROR = 0x9;
    public static final int ENHANCE_YOUR_CALM = 0xb;

    /** The stream in error, 0 for the whole connection. */
    public final int streamId;
    public final int code;

    private Http2Error(int streamId, int code, String message) {
        super(message, null, false, false);
        this.streamId = streamId;
        this.code = code;
    }

    public static Http2Error connection(int code, String message) {
        return new Http2Error(0, code, message);
    }

    public static Http2Error stream(int streamId, int code, String message) {
        return new Http2Error(streamId, code, message);
    }

    public boolean connectionError() {
        return streamId == 0;
    }
}
