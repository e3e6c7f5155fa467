package org.openvault.proxy.engine.eventloop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.HpackEncoder;
import org.openvault.proxy.engine.eventloop.http2.Http2Error;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.middleware.Middleware;
import org.openvault.proxy.routing.ErrorPage;

/**
 * One HTTP/2 stream: one request through the same {@link UpstreamExchange} as an HTTP/1 request. The request body
 * arrives in DATA frames, kept until the exchange takes them upstream; the client can never send more than the
 * stream's receive window, and the window is granted again, in steps of a quarter, as the body goes upstream (a
 * grant per DATA frame would let the client's frames shrink to a few bytes each). The response goes out as
 * HEADERS and DATA frames within the client's windows: when they are spent, {@link #room} is 0 and the exchange
 * stops reading the upstream until a WINDOW_UPDATE.
 */
final class Http2Stream implements ClientSide {

    /**
     * The receive window of a stream (SETTINGS_INITIAL_WINDOW_SIZE), so the request body bytes it holds at most:
     * large enough that one upload is not held back by the round trips of its grants.
     */
    static final int RECEIVE_WINDOW = 256 * 1024;
    /** Body bytes gone upstream are granted back to the client once this many add up. */
    private static final int GRANT_STEP = RECEIVE_WINDOW / 4;

    final int id;
    private final Http2Connection connection;
    final UpstreamExchange exchange;
    private ParsedRequest request;
    private UpstreamRequestHead.Peer peer;
    private final long started = System.nanoTime();

    /** What the client may still send / this side may still send on this stream (flow control). */
    private int receiveWindow = RECEIVE_WINDOW;
    long sendWindow;
    /** Request body bytes received and not yet taken upstream: the DATA frames' payloads (read mode). */
    private final ArrayDeque<ByteBuffer> bodyIn = new ArrayDeque<>();
    /** How many bytes {@link #bodyIn} holds. */
    private int bodyHeld;
    private long bodyReceived;
    /** Body bytes taken upstream whose window was not yet granted again. */
    private int ungranted;
    private boolean lastChunkWritten;
    /** Whether the client ended its side (END_STREAM or a reset). */
    boolean remoteClosed;
    /** Whether this side sent END_STREAM or RST_STREAM. */
    boolean localClosed;
    private boolean responseStarted;
    /** An answer of the proxy's own waiting for window to go out (read mode), or null. */
    private ByteBuffer ownBody;
    private int status;
    private long bytesSent;
    private boolean recorded;

    Http2Stream(int id, Http2Connection connection, long sendWindow) {
        this.id = id;
        this.connection = connection;
        this.sendWindow = sendWindow;
        this.exchange = new UpstreamExchange(connection.loop, connection.context, this, true);
    }

    /** Serves the request (or answers 400/431 for one that cannot be served). */
    void start(ParsedRequest parsed, boolean endStream) throws IOException {
        request = parsed;
        remoteClosed = endStream;
        peer = UpstreamRequestHead.Peer.of(connection.peerAddress, parsed, connection.context.trustedProxies());
        exchange.start(parsed, peer);
    }

    /** A request refused before it could be served. */
    void refuse(ParsedRequest.Refused refused, boolean endStream) throws IOException {
        remoteClosed = endStream;
        peer = new UpstreamRequestHead.Peer(connection.peerAddress, false, connection.peerAddress);
        failed(refused.status, refused.reason, refused.getMessage());
    }

    /**
     * DATA from the client, {@code bytes} valid during this call only: what the exchange does not take upstream at
     * once is copied. {@code flowControlled} counts padding too, which holds nothing and is released at once.
     */
    void data(byte[] bytes, int offset, int length, int flowControlled, boolean endStream) throws Http2Error, IOException {
        if (remoteClosed) {
            throw Http2Error.stream(id, Http2Error.STREAM_CLOSED, "DATA after END_STREAM");
        }
        if (flowControlled > receiveWindow) {
            throw Http2Error.stream(id, Http2Error.FLOW_CONTROL_ERROR, "DATA beyond the stream's window");
        }
        receiveWindow -= flowControlled;
        bodyReceived += length;
        remoteClosed = endStream;
        if (request == null || !exchange.inFlight()) {
            // Nobody takes this body (answered already): dropped, so that other streams go on.
            receiveWindow += flowControlled;
            connection.bodyReleased(flowControlled);
            return;
        }
        long declared = request.contentLength;
        if ((declared >= 0 && bodyReceived > declared) || (endStream && declared >= 0 && bodyReceived != declared)) {
            throw Http2Error.stream(id, Http2Error.PROTOCOL_ERROR, "body length differs from Content-Length");
        }
        if (flowControlled > length) {
            released(flowControlled - length);
        }
        ByteBuffer frame = ByteBuffer.wrap(bytes, offset, length);
        if (length > 0) {
            bodyIn.add(frame);
            bodyHeld += length;
        }
        try {
            exchange.requestBodyArrived();
        } finally {
            if (frame.hasRemaining() && bodyIn.peekLast() == frame) {
                bodyIn.pollLast();
                bodyIn.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, frame.position(), frame.limit())));
            }
        }
    }

    /** The client's WINDOW_UPDATE for this stream. */
    void windowUpdate(int increment) throws Http2Error {
        if (sendWindow + increment > Frames.MAX_WINDOW) {
            throw Http2Error.stream(id, Http2Error.FLOW_CONTROL_ERROR, "stream window above 2^31-1");
        }
        sendWindow += increment;
    }

    /** The client reset the stream, or the connection ends: the upstream side is dropped. */
    void cancel() {
        remoteClosed = true;
        localClosed = true;
        if (status == 0) {
            status = 499;
        }
        record();
        exchange.close();
    }

    /** Sends what waits of an answer of the proxy's own as far as the windows allow. */
    void sendOwnBody() {
        if (ownBody == null) {
            return;
        }
        int size = Math.min(ownBody.remaining(), room());
        boolean last = size == ownBody.remaining();
        if (size == 0 && !last) {
            return;
        }
        connection.data(this, ownBody.array(), ownBody.position(), size, last);
        ownBody.position(ownBody.position() + size);
        if (last) {
            ownBody = null;
            ended();
        }
    }

    // ---- the exchange's calls

    @Override
    public boolean passesChunks() {
        return false;
    }

    @Override
    public void forwarding() {
        if (request.expectContinue && !remoteClosed) {
            connection.headers(this, block(100), false);
        }
    }

    @Override
    public boolean pullRequestBody(ByteBuffer into) {
        int available = bodyHeld;
        if (request.chunked) {
            int room = into.remaining() - 12 - 5;
            int size = Math.min(available, room);
            if (size > 0) {
                into.put(Integer.toHexString(size).getBytes(StandardCharsets.US_ASCII)).put((byte) '\r').put((byte) '\n');
                take(into, size);
                into.put((byte) '\r').put((byte) '\n');
            }
            if (remoteClosed && bodyHeld == 0) {
                if (!lastChunkWritten && into.remaining() >= 5) {
                    into.put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    lastChunkWritten = true;
                }
                return lastChunkWritten;
            }
            return false;
        }
        take(into, Math.min(available, into.remaining()));
        return remoteClosed && bodyHeld == 0;
    }

    private void take(ByteBuffer into, int size) {
        if (size <= 0) {
            return;
        }
        for (int left = size; left > 0; ) {
            ByteBuffer frame = bodyIn.peek();
            int part = Math.min(left, frame.remaining());
            into.put(frame.array(), frame.position(), part);
            frame.position(frame.position() + part);
            if (!frame.hasRemaining()) {
                bodyIn.poll();
            }
            left -= part;
        }
        bodyHeld -= size;
        released(size);
    }

    /**
     * Window bytes that hold nothing any more (body gone upstream, padding): the client may send as many again, on
     * the connection and on this stream, each granted a step at a time.
     */
    private void released(int bytes) {
        connection.bodyReleased(bytes);
        ungranted += bytes;
        if (!remoteClosed && ungranted >= GRANT_STEP) {
            receiveWindow += ungranted;
            connection.grantWindow(id, ungranted);
            ungranted = 0;
        }
    }

    /** The stream is gone: the body bytes it held are dropped; how many. */
    int dropBody() {
        int held = bodyHeld;
        bodyIn.clear();
        bodyHeld = 0;
        return held;
    }

    @Override
    public long requestBodyBytes() {
        return bodyReceived;
    }

    @Override
    public void answer(Middleware.Answer answer) {
        if (answer.content() != null) {
            answerOwn(answer.status(), answer.headers(), answer.content().type(), answer.content().bytes());
        } else if (answer.message() == null) {
            answerOwn(answer.status(), answer.headers(), null, new byte[0]);
        } else {
            errorPage(answer.status(), answer.reason(), answer.headers(), answer.message());
        }
    }

    @Override
    public void failed(int code, String reason, String message) {
        errorPage(code, reason, List.of(), message);
    }

    private void errorPage(int code, String reason, List<Middleware.HeaderChange> headers, String message) {
        boolean json = request != null && ErrorPage.prefersJson(request.first("accept"));
        answerOwn(code, headers, ErrorPage.contentType(json),
                ErrorPage.body(code, reason, message, json).getBytes(StandardCharsets.UTF_8));
    }

    private void answerOwn(int code, List<Middleware.HeaderChange> headers, String contentType, byte[] body) {
        if (responseStarted || localClosed) {
            abort(new IOException("answer " + code + " after the response began"));
            return;
        }
        responseStarted = true;
        status = code;
        boolean noBody = body.length == 0 || (request != null && request.method.equals("HEAD"));
        ByteArrayOutputStream block = block(code);
        for (Middleware.HeaderChange header : headers) {
            field(header.name(), header.value(), block);
        }
        if (contentType != null) {
            field("content-type", contentType, block);
            field("cache-control", "no-store", block);
        }
        field("content-length", Integer.toString(body.length), block);
        if (request != null) {
            responseChanges(block);
        }
        connection.headers(this, block, noBody);
        if (noBody) {
            ended();
            return;
        }
        bytesSent = body.length;
        ownBody = ByteBuffer.wrap(body);
        sendOwnBody();
    }

    @Override
    public void responseHead(ResponseHead head, BodyRelay body) {
        status = head.code();
        responseStarted = true;
        ByteArrayOutputStream block = block(head.code());
        for (int i = 0; i < head.size(); i++) {
            String name = head.name(i).toLowerCase(Locale.ROOT);
            // Connection-specific fields have no place in HTTP/2 (RFC 9113, 8.2.2).
            if (head.relayed(i) && !name.equals("proxy-connection") && !exchange.decisions().changesResponseHeader(head, i)) {
                field(name, head.value(i), block);
            }
        }
        responseChanges(block);
        connection.headers(this, block, body == BodyRelay.NONE);
        if (body == BodyRelay.NONE) {
            localClosed = true;
        }
    }

    @Override
    public int room() {
        if (localClosed) {
            return 0;
        }
        return (int) Math.max(0, Math.min(sendWindow, connection.dataRoom()));
    }

    @Override
    public void responseBody(byte[] bytes, int length) {
        connection.data(this, bytes, 0, length, false);
        bytesSent += length;
    }

    @Override
    public void responseComplete() {
        if (!localClosed) {
            connection.data(this, new byte[0], 0, 0, true);
        }
        ended();
    }

    /** The whole answer went out: a client still sending its body is told to stop (RFC 9113, 8.1). */
    private void ended() {
        localClosed = true;
        record();
        if (!remoteClosed) {
            connection.reset(this, Http2Error.NO_ERROR);
        }
        connection.streamEnded(this);
    }

    @Override
    public void abort(Exception cause) {
        if (status == 0) {
            status = 502;
        }
        record();
        connection.reset(this, Http2Error.INTERNAL_ERROR);
        connection.streamEnded(this);
    }

    @Override
    public void afterUpstreamEvent() {
        connection.afterStreamEvent(this);
    }

    /** The middlewares' answer header changes (an empty value removes the header: nothing written). */
    private void responseChanges(ByteArrayOutputStream block) {
        for (Middleware.HeaderChange change : exchange.decisions().responseHeaders()) {
            if (!change.value().isEmpty()) {
                field(change.name(), change.value(), block);
            }
        }
    }

    private static ByteArrayOutputStream block(int code) {
        ByteArrayOutputStream block = new ByteArrayOutputStream(512);
        HpackEncoder.field(":status", Integer.toString(code), block);
        return block;
    }

    private static void field(String name, String value, ByteArrayOutputStream block) {
        HpackEncoder.field(name.toLowerCase(Locale.ROOT), value, block);
    }

    private void record() {
        if (recorded) {
            return;
        }
        recorded = true;
        connection.record(request, peer, exchange, status, bytesSent, started);
    }
}
