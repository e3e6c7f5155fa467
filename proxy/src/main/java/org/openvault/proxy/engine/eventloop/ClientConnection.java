package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLEngine;

import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.http.BodyFraming;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.middleware.Middleware;
import org.openvault.proxy.routing.ErrorPage;

/**
 * One HTTP/1 client connection on an event loop, one exchange at a time: read a request head, hand it to the
 * {@link UpstreamExchange}, give it the request body and write its answer with back-pressure (a side that cannot
 * take more stops the other from being read), then the next request on the same connection. Every step runs when
 * its socket is ready; nothing waits.
 */
final class ClientConnection implements ClientSide, LoopConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Room a TLS record needs when decrypted into a buffer. */
    private static final int RECORD_ROOM = 16 * 1024 + 512;
    static final int OUT_BUFFER = 64 * 1024;
    /** Stands for a buffer not held now (taken from the loop's pool when bytes come or go). */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    /** What the connection does now, and what its deadline is for. */
    private enum Phase { HEAD, EXCHANGE, LINGER, CLOSED }

    /**
     * How long a connection closed while the client may still be sending (an early 413, a refused head) keeps
     * reading and dropping what comes: closing with unread bytes makes the kernel send a reset, which can destroy
     * the answer before the client reads it.
     */
    private static final long LINGER_NANOS = 5_000_000_000L;

    private final EventLoop loop;
    private final EntrypointContext context;
    private final ClientTransport transport;
    private final SelectionKey key;
    private final String peerAddress;
    private final boolean secure;
    private final int maxHead;
    /** Bytes from the client not yet handled (write mode): a head, body bytes, or a pipelined next request. */
    private ByteBuffer in = NONE;
    /** Bytes for the client not yet written (write mode). */
    private ByteBuffer out = NONE;
    private final HeadBytes head = new HeadBytes();
    private final UpstreamExchange exchange;
    private Phase phase = Phase.HEAD;
    private long deadline;
    /** Whether the protocol is settled: at once for plain HTTP, when the TLS handshake ends (ALPN) otherwise. */
    private boolean protocolChosen;

    // The exchange in progress.
    private ParsedRequest request;
    private UpstreamRequestHead.Peer peer;
    private long started;
    /** The framing of the request body still to come from the client, or null when none is. */
    private BodyFraming requestBody;
    /** Bytes of request body data read so far. */
    private long requestBodyRead;
    /** When the client must have sent more of its request body (while all it sent is taken). */
    private long bodyDeadline;
    /** Whether the connection is a WebSocket tunnel (its silence is bounded by the idle timeout only). */
    private boolean tunnel;
    /** Whether the answer's head went to the client (then an error can only cut the connection). */
    private boolean responseStarted;
    private boolean closeAfterResponse;
    /** Whether the answer went out before the client's body was read (then the connection lingers before closing). */
    private boolean bodyUnread;
    private boolean responseDone;
    private int status;
    private long bytesSent;

    ClientConnection(EventLoop loop, EntrypointContext context, SocketChannel channel, String peerAddress) throws IOException {
        this.loop = loop;
        this.context = context;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.peerAddress = peerAddress;
        SSLEngine engine = context.newEngine();
        this.secure = engine != null;
        this.transport = secure ? new TlsTransport(channel, engine) : new PlainTransport(channel);
        this.maxHead = maxHead(context.entrypoint());
        this.key = channel.register(loop.selector, SelectionKey.OP_READ, this);
        this.exchange = new UpstreamExchange(loop, context, this, secure);
        this.protocolChosen = !secure;
        // A new connection gets the header timeout, not the idle one, for its TLS handshake and first request head:
        // a silent or stalled handshake must not hold its buffers for minutes.
        this.deadline = System.nanoTime() + Math.min(context.entrypoint().idleTimeout().toNanos(),
                context.entrypoint().headerTimeout().toNanos());
    }

    /** The longest request head the entrypoint's limits allow (request line, header block, line ends). */
    private static int maxHead(ProxyConfig.Entrypoint entrypoint) {
        return entrypoint.maxRequestLine() + entrypoint.maxHeaderBytes() + 4;
    }

    /** The size of a client's input buffer: more than the longest request head, and room for a TLS record. */
    static int inBufferSize(ProxyConfig.Entrypoint entrypoint) {
        return Math.max(32 * 1024, maxHead(entrypoint) + 1) + RECORD_ROOM;
    }

    // ---- events

    @Override
    public void clientReady(int ready) {
        if (phase == Phase.LINGER) {
            discardInput();
            return;
        }
        try {
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                writeToClient();
            }
            boolean readable = (ready & SelectionKey.OP_READ) != 0;
            // A TLS handshake may wait on a write that just drained; decrypted-later records may wait in the transport.
            if (phase != Phase.CLOSED && (readable || transport.handshaking() || transport.buffered())) {
                readFromClient();
            }
            if (phase != Phase.CLOSED) {
                updateInterest();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    /** Called by the loop's sweep: cuts what waited too long (idle, slow headers, silent upstream). */
    @Override
    public void checkDeadline(long now, boolean draining) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (draining && (phase == Phase.LINGER || phase == Phase.HEAD && in.position() == 0 && out.position() == 0)) {
            close();
            return;
        }
        try {
            if (phase == Phase.EXCHANGE && requestBody != null && !tunnel && in.position() == 0 && now - bodyDeadline >= 0) {
                // The client announced a body and stopped sending it: it holds an upstream connection no longer.
                exchange.close();
                failed(408, "Request Timeout", "The request body did not arrive in time.");
                afterUpstreamEvent();
            } else if (phase == Phase.EXCHANGE && exchange.inFlight()) {
                exchange.checkDeadline(now);
                afterUpstreamEvent();
            } else if (now - deadline >= 0) {
                // A head not finished in time, or an answer of the proxy's own the client does not take.
                close();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    // ---- client side

    private void readFromClient() throws IOException {
        do {
            if (!readFromClientOnce()) {
                return;
            }
        } while (phase != Phase.CLOSED && transport.buffered() && wantsClientBytes());
    }

    /** One read; false when nothing came (or the connection ended). */
    private boolean readFromClientOnce() throws IOException {
        if (in == NONE) {
            in = loop.inBuffers.take();
        }
        int read = transport.read(in);
        if (read < 0) {
            if (phase == Phase.EXCHANGE && status == 0) {
                status = 499;
                record();
            }
            close();
            return false;
        }
        if (!protocolChosen && !transport.handshaking()) {
            protocolChosen = true;
            if ("h2".equals(transport.applicationProtocol())) {
                switchToHttp2();
                return false;
            }
        }
        if (phase == Phase.HEAD) {
            if (in.position() > 0 && read > 0) {
                deadline = Math.min(deadline, System.nanoTime() + context.entrypoint().headerTimeout().toNanos());
            }
            nextRequest();
        } else if (requestBody != null && exchange.inFlight()) {
            if (read > 0) {
                bodyDeadline = System.nanoTime() + context.entrypoint().bodyTimeout().toNanos();
            }
            exchange.requestBodyArrived();
        }
        releaseIdleInput();
        return read > 0;
    }

    /** The TLS handshake chose HTTP/2: the connection goes on as an {@link Http2Connection}, with what was read. */
    private void switchToHttp2() throws IOException {
        phase = Phase.CLOSED;
        Http2Connection http2 = new Http2Connection(loop, context, transport, key, peerAddress, in, deadline);
        in = NONE;
        loop.replace(this, http2);
        http2.start();
    }

    /** Starts the exchange whose head is complete in {@code in}, if it is. */
    private void nextRequest() throws IOException {
        int end = HeadLines.headEnd(in.array(), in.position());
        if (end < 0) {
            if (in.position() > maxHead) {
                int firstLine = HeadLines.indexOf(in.array(), (byte) '\n', 0, in.position());
                boolean lineTooLong = firstLine < 0 || firstLine > context.entrypoint().maxRequestLine();
                startExchange(null);
                closeAfterResponse = true;
                failed(lineTooLong ? 414 : 431, lineTooLong ? "URI Too Long" : "Request Header Fields Too Large",
                        lineTooLong ? "The request line is too long." : "The request headers are too large.");
            }
            return;
        }
        ParsedRequest parsed;
        try {
            parsed = ParsedRequest.parse(in.array(), end, context.entrypoint().maxRequestLine(),
                    context.entrypoint().maxHeaderBytes());
        } catch (ParsedRequest.Refused refused) {
            startExchange(null);
            closeAfterResponse = true;
            failed(refused.status, refused.reason, refused.getMessage());
            return;
        }
        consumeIn(end);
        startExchange(parsed);
        if (parsed.close || context.draining()) {
            closeAfterResponse = true;
        }
        if (parsed.hasBody()) {
            requestBody = parsed.chunked ? BodyFraming.chunked() : BodyFraming.fixed(parsed.contentLength);
            bodyDeadline = System.nanoTime() + context.entrypoint().bodyTimeout().toNanos();
        }
        exchange.start(parsed, peer);
    }

    private void startExchange(ParsedRequest parsed) {
        phase = Phase.EXCHANGE;
        exchange.clear();
        if (out == NONE) {
            out = loop.outBuffers.take();
        }
        request = parsed;
        peer = parsed == null ? new UpstreamRequestHead.Peer(peerAddress, false, peerAddress)
                : UpstreamRequestHead.Peer.of(peerAddress, parsed, context.trustedProxies());
        started = System.nanoTime();
        responseStarted = false;
        responseDone = false;
        requestBody = null;
        bodyUnread = false;
        tunnel = false;
        requestBodyRead = 0;
        status = 0;
        bytesSent = 0;
    }

    /** Writes what waits for the client; when an answer is complete and written, goes on to the next request. */
    private void writeToClient() throws IOException {
        out.flip();
        try {
            transport.send(out);
        } finally {
            out.compact();
        }
        if (out.position() == 0 && transport.flush()) {
            if (responseDone) {
                finishExchange();
            } else if (responseStarted) {
                // What was read before the client's buffer filled up (the upstream may send nothing more).
                exchange.resume();
            }
        }
    }

    private void finishExchange() throws IOException {
        if (closeAfterResponse || loop.draining()) {
            if (requestBody != null || bodyUnread || request == null) {
                linger();
            } else {
                close();
            }
            return;
        }
        phase = Phase.HEAD;
        request = null;
        responseDone = false;
        responseStarted = false;
        deadline = System.nanoTime() + context.entrypoint().idleTimeout().toNanos();
        out = giveBack(out, loop.outBuffers);
        if (in.position() > 0) {
            nextRequest();
        }
        releaseIdleInput();
    }

    // ---- answers of the proxy's own

    // ---- the exchange's calls

    @Override
    public boolean passesChunks() {
        return request.http11;
    }

    @Override
    public void forwarding() throws IOException {
        if (request.expectContinue && requestBody != null && in.position() == 0) {
            out.put(CONTINUE);
            writeToClient();
        }
    }

    @Override
    public boolean pullRequestBody(ByteBuffer into) throws IOException {
        if (requestBody == null) {
            return true;
        }
        int taken = requestBody.take(in.array(), 0, Math.min(in.position(), into.remaining()));
        into.put(in.array(), 0, taken);
        consumeIn(taken);
        requestBodyRead = requestBody.dataBytes();
        if (requestBody.done()) {
            requestBody = null;
            return true;
        }
        return false;
    }

    @Override
    public long requestBodyBytes() {
        return requestBodyRead;
    }

    @Override
    public void answer(Middleware.Answer answer) throws IOException {
        if (answer.content() != null) {
            answerOwn(answer.status(), answer.reason(), answer.headers(), answer.content().type(), answer.content().bytes());
        } else if (answer.message() == null) {
            answerOwn(answer.status(), answer.reason(), answer.headers(), null, new byte[0]);
        } else {
            errorPage(answer.status(), answer.reason(), answer.headers(), answer.message());
        }
    }

    @Override
    public void responseHead(ResponseHead parsed, BodyRelay body) {
        status = parsed.code();
        responseStarted = true;
        if (body == BodyRelay.TUNNEL) {
            // From here on the client's bytes go upstream as they come, until either side closes.
            requestBody = BodyFraming.untilClose();
            tunnel = true;
            closeAfterResponse = true;
        } else if (body == BodyRelay.UNTIL_CLOSE || body == BodyRelay.DATA_ONLY) {
            // The end of the connection delimits the body (HTTP/1.0 knows no chunks).
            closeAfterResponse = true;
        }
        if (requestBody != null && body != BodyRelay.TUNNEL) {
            // Answered before the whole body came (an early 413, say): nobody will read the rest.
            closeAfterResponse = true;
            bodyUnread = true;
        }
        head.reset().append(request.http11 ? "HTTP/1.1 " : "HTTP/1.0 ").number(status).append(" ")
                .append(parsed.reason()).append("\r\n");
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.relayed(i) && !exchange.decisions().changesResponseHeader(parsed, i)) {
                parsed.appendLine(i, head);
            }
        }
        appendResponseChanges();
        if (body == BodyRelay.CHUNKS) {
            head.header("Transfer-Encoding", "chunked");
        }
        if (body == BodyRelay.TUNNEL) {
            head.header("Connection", "Upgrade").header("Upgrade", parsed.upgrade() == null ? "websocket" : parsed.upgrade());
        } else if (closeAfterResponse) {
            head.header("Connection", "close");
        } else if (!request.http11) {
            head.header("Connection", "keep-alive");
        }
        ByteBuffer bytes = head.end().buffer();
        if (bytes.remaining() > out.remaining()) {
            throw new IllegalStateException("response head larger than the output buffer");
        }
        out.put(bytes);
    }

    @Override
    public int room() {
        return out.remaining();
    }

    @Override
    public boolean backlogged() {
        return out.position() > 0;
    }

    @Override
    public void responseBody(byte[] bytes, int length) throws IOException {
        out.put(bytes, 0, length);
        bytesSent += length;
        writeToClient();
    }

    @Override
    public void responseComplete() throws IOException {
        if (tunnel) {
            // The upstream closed the tunnel: the client's side closes too, whatever it still sends.
            requestBody = null;
        }
        responseDone = true;
        record();
        deadline = System.nanoTime() + context.entrypoint().idleTimeout().toNanos();
        writeToClient();
    }

    @Override
    public void abort(Exception cause) {
        broken(cause);
    }

    @Override
    public void afterUpstreamEvent() {
        if (phase != Phase.CLOSED) {
            updateInterest();
        }
    }

    /** Answers with a small HTML or JSON error (by Accept) if nothing was sent yet; else cuts the connection. */
    @Override
    public void failed(int code, String reason, String message) throws IOException {
        errorPage(code, reason, List.of(), message);
    }

    private void errorPage(int code, String reason, List<Middleware.HeaderChange> headers, String message)
            throws IOException {
        boolean json = request != null && ErrorPage.prefersJson(request.first("accept"));
        answerOwn(code, reason, headers, ErrorPage.contentType(json),
                ErrorPage.body(code, reason, message, json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An answer of the proxy's own (an error page, a redirect) with the router's middleware answer headers, if
     * nothing was sent yet; else cuts the connection.
     */
    private void answerOwn(int code, String reason, List<Middleware.HeaderChange> headers, String contentType,
                           byte[] body) throws IOException {
        if (responseStarted || responseDone) {
            close();
            return;
        }
        if (requestBody != null) {
            // The rest of the body is not read: the connection closes after the answer.
            bodyUnread = true;
            closeAfterResponse = true;
            requestBody = null;
        }
        head.reset().append(request == null || request.http11 ? "HTTP/1.1 " : "HTTP/1.0 ").number(code).append(" ")
                .append(reason).append("\r\n");
        for (Middleware.HeaderChange header : headers) {
            head.header(header.name(), header.value());
        }
        if (contentType != null) {
            head.header("Content-Type", contentType).header("Cache-Control", "no-store");
        }
        head.header("Content-Length", Integer.toString(body.length));
        appendResponseChanges();
        if (closeAfterResponse) {
            head.header("Connection", "close");
        }
        out.put(head.end().buffer());
        if (request == null || !request.method.equals("HEAD")) {
            out.put(body);
            bytesSent = body.length;
        }
        status = code;
        responseDone = true;
        record();
        deadline = System.nanoTime() + context.entrypoint().idleTimeout().toNanos();
        writeToClient();
    }

    /**
     * The middlewares' answer header changes (an empty value removes the header: nothing written); before a router
     * is known, the security headers all the entrypoint's routers set.
     */
    private void appendResponseChanges() {
        List<Middleware.HeaderChange> changes = exchange.route() == null ? context.unroutedAnswerHeaders()
                : exchange.decisions().responseHeaders();
        for (Middleware.HeaderChange change : changes) {
            if (!change.value().isEmpty()) {
                head.header(change.name(), change.value());
            }
        }
    }

    private void record() {
        ExchangeRecord.record(context, peerAddress, request, peer, exchange,
                request == null || request.http11 ? "HTTP/1.1" : "HTTP/1.0", status, bytesSent, started);
    }

    // ---- bookkeeping

    private void updateInterest() {
        if (phase == Phase.CLOSED || !key.isValid()) {
            return;
        }
        boolean clientOutPending = out.position() > 0;
        int clientOps = 0;
        if (clientOutPending || transport.hasPendingOutput()) {
            clientOps |= SelectionKey.OP_WRITE;
        }
        // Reading stays on while there is room (a request head, body bytes, or the next request waiting its turn):
        // turning it off and on per exchange would cost two epoll_ctl calls per request.
        if (wantsClientBytes() || transport.handshaking()) {
            clientOps |= SelectionKey.OP_READ;
        }
        if (key.interestOps() != clientOps) {
            key.interestOps(clientOps);
        }
        exchange.updateInterest();
    }

    /** Whether the client's next bytes can be taken now. */
    private boolean wantsClientBytes() {
        return in == NONE || in.remaining() >= RECORD_ROOM;
    }

    private void broken(Exception e) {
        LOG.log(Level.FINE, "Connection from " + peerAddress + " broken off", e);
        if (phase == Phase.EXCHANGE && !responseDone && status == 0) {
            status = 499;
            record();
        }
        close();
    }

    /** Ends the answer's direction and drops what the client still sends, until it closes or {@link #LINGER_NANOS}. */
    private void linger() {
        transport.shutdownOutput();
        phase = Phase.LINGER;
        in = giveBack(in, loop.inBuffers);
        out = giveBack(out, loop.outBuffers);
        deadline = System.nanoTime() + LINGER_NANOS;
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
        discardInput();
    }

    private void discardInput() {
        try {
            while (true) {
                ByteBuffer scratch = loop.discard.clear();
                int read = transport.channel.read(scratch);
                if (read < 0) {
                    close();
                    return;
                }
                if (read == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        exchange.close();
        key.cancel();
        transport.close();
        in = giveBack(in, loop.inBuffers);
        out = giveBack(out, loop.outBuffers);
        loop.forget(this);
    }

    /** Between requests with nothing buffered, the input buffer goes back to the pool. */
    private void releaseIdleInput() {
        if (phase == Phase.HEAD && in.position() == 0 && !transport.buffered()) {
            in = giveBack(in, loop.inBuffers);
        }
    }

    private static ByteBuffer giveBack(ByteBuffer buffer, BufferPool pool) {
        if (buffer != NONE) {
            pool.give(buffer);
        }
        return NONE;
    }

    private void consumeIn(int count) {
        in.flip().position(count);
        in.compact();
    }
}
