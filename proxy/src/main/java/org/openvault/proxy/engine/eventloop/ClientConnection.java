package org.openvault.proxy.engine.eventloop;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLEngine;

import org.openvault.proxy.balancing.UpstreamServer;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.http.BodyFraming;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.http.RetryPolicy;
import org.openvault.proxy.middleware.PortableMiddleware;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.routing.ErrorPage;

/**
 * One client connection on an event loop, one exchange at a time: read a request head, pick the route and a
 * server, send the head upstream, stream the request body up and the response back with back-pressure (a side
 * that cannot take more stops the other from being read), then the next request on the same connection.
 * Every step runs when its socket is ready; nothing waits.
 */
final class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Room a TLS record needs when decrypted into a buffer. */
    private static final int RECORD_ROOM = 16 * 1024 + 512;
    static final int OUT_BUFFER = 64 * 1024;
    /** Stands for a buffer not held now (taken from the loop's pool when bytes come or go). */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    /** What the connection does now, and what its deadline is for. */
    private enum Phase { HEAD, EXCHANGE, CLOSED }

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
    /** Request body bytes for the upstream not yet written (write mode); allocated for the first request with a body. */
    private ByteBuffer bodyOut = NONE;
    private final HeadBytes head = new HeadBytes();
    private Phase phase = Phase.HEAD;
    private long deadline;

    // The exchange in progress.
    private ParsedRequest request;
    private UpstreamRequestHead.Peer peer;
    private long started;
    private EventLoopRoute route;
    private String upstreamUrl = "";
    private final Set<UpstreamServer> tried = new HashSet<>();
    /** The router's middlewares' header changes for this exchange, upstream and back. */
    private final List<PortableMiddleware.HeaderChange> upstreamChanges = new ArrayList<>(4);
    private final List<PortableMiddleware.HeaderChange> responseChanges = new ArrayList<>(8);
    private boolean staleRetried;
    private UpstreamLink link;
    /** The request head for the upstream not yet written (read mode), or null when sent. */
    private ByteBuffer headOut;
    private BodyFraming requestBody;
    /** Whether body bytes went upstream already (then a failed exchange cannot be retried). */
    private boolean bodySent;
    private ResponseHead response;
    private BodyFraming responseBody;
    private boolean upstreamKeepAlive;
    private boolean closeAfterResponse;
    private boolean responseDone;
    private int status;
    private long bytesSent;

    ClientConnection(EventLoop loop, EntrypointContext context, SocketChannel channel) throws IOException {
        this.loop = loop;
        this.context = context;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.peerAddress = ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
        SSLEngine engine = context.newEngine();
        this.secure = engine != null;
        this.transport = secure ? new TlsTransport(channel, engine) : new PlainTransport(channel);
        this.maxHead = maxHead(context.entrypoint());
        this.key = channel.register(loop.selector, SelectionKey.OP_READ, this);
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

    void clientReady(int ready) {
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

    void upstreamReady(int ready) {
        try {
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                try {
                    link.finishConnect();
                } catch (IOException e) {
                    connectFailed(e);
                    updateInterest();
                    return;
                }
                link.server.succeeded();
                sendRequestHead();
            }
            if ((ready & SelectionKey.OP_WRITE) != 0 && link != null && !link.connecting) {
                writeToUpstream();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && link != null && !link.connecting) {
                readFromUpstream();
            }
            if (phase != Phase.CLOSED) {
                updateInterest();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    /** Called by the loop's sweep: cuts what waited too long (idle, slow headers, silent upstream). */
    void checkDeadline(long now, boolean draining) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (draining && phase == Phase.HEAD && in.position() == 0 && out.position() == 0) {
            close();
            return;
        }
        if (now - deadline < 0) {
            return;
        }
        try {
            if (phase == Phase.HEAD) {
                close();
            } else if (link != null && link.connecting) {
                connectFailed(new IOException("connect timed out"));
                updateInterest();
            } else if (requestBody != null) {
                // The client stopped sending its body.
                close();
            } else if (response == null) {
                dropLink();
                fail(504, "Gateway Timeout", "The upstream server did not answer in time.");
                updateInterest();
            } else {
                // Mid-body: the head is gone out, so the only way to tell the client is to cut the connection.
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
        if (phase == Phase.HEAD) {
            if (in.position() > 0 && read > 0) {
                deadline = Math.min(deadline, System.nanoTime() + context.entrypoint().headerTimeout().toNanos());
            }
            nextRequest();
        } else if (requestBody != null) {
            pumpRequestBody();
        }
        releaseIdleInput();
        return read > 0;
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
                fail(lineTooLong ? 414 : 431, lineTooLong ? "URI Too Long" : "Request Header Fields Too Large",
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
            fail(refused.status, refused.reason, refused.getMessage());
            return;
        }
        consumeIn(end);
        startExchange(parsed);
        if (parsed.close) {
            closeAfterResponse = true;
        }
        route = context.route(parsed);
        requestBody = parsed.chunked ? BodyFraming.chunked() : BodyFraming.fixed(Math.max(0, parsed.contentLength));
        if (parsed.hasBody() && bodyOut == NONE) {
            bodyOut = ByteBuffer.allocate(32 * 1024);
        }
        if (route != null && answeredByMiddleware(parsed)) {
            return;
        }
        if (route == null || route.service() == null) {
            // The body (if any) is not read: the connection closes after the answer.
            closeAfterResponse |= parsed.hasBody();
            requestBody = null;
            fail(404, "Not Found", route == null ? "No route matches this request." : "This router has no service.");
            return;
        }
        if (parsed.expectContinue && parsed.hasBody() && in.position() == 0) {
            out.put(CONTINUE);
            writeToClient();
        }
        connectUpstream();
    }

    /**
     * Runs the router's middlewares in order: their header changes are collected for the upstream and the answer;
     * one that answers itself ends the exchange there (true), with the answer changes collected before it.
     */
    private boolean answeredByMiddleware(ParsedRequest parsed) throws IOException {
        for (PortableMiddleware middleware : route.middlewares()) {
            upstreamChanges.addAll(middleware.upstreamHeaders());
            responseChanges.addAll(middleware.responseHeaders(secure));
            PortableMiddleware.Answer answer = middleware.answer(parsed, parsed.rawPath, parsed.query);
            if (answer != null) {
                // The body (if any) is not read: the connection closes after the answer.
                closeAfterResponse |= parsed.hasBody();
                requestBody = null;
                answerOwn(answer.status(), answer.reason(), answer.headers(), null, new byte[0]);
                return true;
            }
        }
        return false;
    }

    private void startExchange(ParsedRequest parsed) {
        phase = Phase.EXCHANGE;
        upstreamChanges.clear();
        responseChanges.clear();
        if (out == NONE) {
            out = loop.outBuffers.take();
        }
        request = parsed;
        peer = parsed == null ? new UpstreamRequestHead.Peer(peerAddress, false, peerAddress)
                : UpstreamRequestHead.Peer.of(peerAddress, parsed, context.trustedProxies());
        started = System.nanoTime();
        route = null;
        upstreamUrl = "";
        tried.clear();
        staleRetried = false;
        response = null;
        responseBody = null;
        responseDone = false;
        requestBody = null;
        bodySent = false;
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
            } else if (response != null && link != null && link.in.position() > 0) {
                // What was read before the client's buffer filled up (the upstream may send nothing more).
                relayResponseBody();
            }
        }
    }

    private void finishExchange() throws IOException {
        if (closeAfterResponse || loop.draining()) {
            close();
            return;
        }
        phase = Phase.HEAD;
        request = null;
        responseDone = false;
        response = null;
        deadline = System.nanoTime() + context.entrypoint().idleTimeout().toNanos();
        out = giveBack(out, loop.outBuffers);
        if (in.position() > 0) {
            nextRequest();
        }
        releaseIdleInput();
    }

    // ---- upstream side

    private void connectUpstream() throws IOException {
        UpstreamServer server = route.service().pick(tried);
        if (server == null) {
            fail(502, "Bad Gateway", "The upstream server refused the connection.");
            return;
        }
        tried.add(server);
        upstreamUrl = server.url().toString();
        try {
            link = loop.pool.acquire(server, this);
        } catch (IOException e) {
            link = null;
            server.connectFailed();
            retryOrFail(e);
            return;
        }
        if (link.connecting) {
            deadline = System.nanoTime() + route.service().config().connectTimeout().toNanos();
        } else {
            sendRequestHead();
        }
    }

    private void connectFailed(IOException e) throws IOException {
        UpstreamServer server = link.server;
        link.close();
        link = null;
        server.connectFailed();
        retryOrFail(e);
    }

    /** A refused connection: the next server for idempotent requests (nothing of the body was sent yet), else 502. */
    private void retryOrFail(IOException e) throws IOException {
        if (RetryPolicy.mayTryAnotherServer(request.method, bodySent || bodyOut.position() > 0, tried.size(),
                route.service().config().attempts())) {
            connectUpstream();
            return;
        }
        LOG.log(Level.FINE, "Cannot connect to " + upstreamUrl, e);
        fail(502, "Bad Gateway", "The upstream server refused the connection.");
    }

    private void sendRequestHead() throws IOException {
        UpstreamRequestHead.write(head, request, peer, secure, link.server.authority(), route.service().config().passHostHeader(),
                upstreamChanges);
        headOut = head.buffer();
        link.in.clear();
        upstreamKeepAlive = true;
        deadline = System.nanoTime() + route.service().config().timeout().toNanos();
        writeToUpstream();
    }

    /** Writes the head, then body bytes as they come from the client. */
    private void writeToUpstream() throws IOException {
        if (headOut != null) {
            try {
                link.channel.write(headOut);
            } catch (IOException e) {
                upstreamBroke(e);
                return;
            }
            if (headOut.hasRemaining()) {
                return;
            }
            headOut = null;
        }
        pumpRequestBody();
    }

    /** Moves request body bytes from the client's buffer to the upstream, as far as both sides allow. */
    private void pumpRequestBody() throws IOException {
        while (requestBody != null && link != null && !link.connecting && headOut == null) {
            if (bodyOut.position() > 0) {
                bodyOut.flip();
                try {
                    link.channel.write(bodyOut);
                } catch (IOException e) {
                    bodyOut.clear();
                    upstreamBroke(e);
                    return;
                }
                bodyOut.compact();
                bodySent = true;
                if (bodyOut.position() > 0) {
                    return;
                }
            }
            if (requestBody.done()) {
                requestBody = null;
                return;
            }
            int available = Math.min(in.position(), bodyOut.remaining());
            int taken;
            try {
                taken = requestBody.take(in.array(), 0, available);
            } catch (IOException malformed) {
                // The upstream connection, holding part of this body, is closed: nothing after it can be trusted.
                dropLink();
                fail(400, "Bad Request", "Malformed chunked request body.");
                return;
            }
            if (taken == 0) {
                return;
            }
            bodyOut.put(in.array(), 0, taken);
            consumeIn(taken);
            deadline = System.nanoTime() + route.service().config().timeout().toNanos();
        }
    }

    private void readFromUpstream() throws IOException {
        UpstreamLink current = link;
        // Stops when this exchange's link is done with (the next exchange may already have taken another one).
        while (link == current && link != null && out.remaining() > 0) {
            int read;
            try {
                read = link.channel.read(link.in);
            } catch (IOException e) {
                upstreamBroke(e);
                return;
            }
            if (read < 0) {
                upstreamEnded();
                return;
            }
            if (read > 0) {
                deadline = System.nanoTime() + route.service().config().timeout().toNanos();
            }
            if (response == null && !readResponseHead()) {
                return;
            }
            relayResponseBody();
            if (read == 0 || responseDone) {
                return;
            }
        }
    }

    /** Parses the response head once it is all in; false while it is not. Interim 1xx answers are dropped. */
    private boolean readResponseHead() throws IOException {
        while (true) {
            int end = HeadLines.headEnd(link.in.array(), link.in.position());
            if (end < 0) {
                if (!link.in.hasRemaining()) {
                    dropLink();
                    fail(502, "Bad Gateway", "The upstream's response headers are too large.");
                }
                return false;
            }
            ResponseHead parsed;
            try {
                parsed = responseHead(link.in.array(), end);
            } catch (IOException e) {
                dropLink();
                fail(502, "Bad Gateway", "The upstream server sent a malformed response.");
                return false;
            }
            ByteBuffer upstreamIn = link.in;
            upstreamIn.flip().position(end);
            upstreamIn.compact();
            if (parsed.code() >= 100 && parsed.code() < 200) {
                continue;
            }
            startResponse(parsed);
            return true;
        }
    }

    private void startResponse(ResponseHead parsed) {
        response = parsed;
        status = parsed.code();
        link.server.succeeded();
        int code = parsed.code();
        boolean headRequest = request.method.equals("HEAD");
        boolean noBody = headRequest || code == 204 || code == 304;
        if (noBody) {
            responseBody = BodyFraming.none();
        } else if (parsed.chunked() && !request.http11) {
            // HTTP/1.0 knows no chunks: the data goes on alone, delimited by the end of the connection.
            responseBody = BodyFraming.dechunked();
            closeAfterResponse = true;
        } else if (parsed.chunked()) {
            responseBody = BodyFraming.chunked();
        } else if (parsed.contentLength() >= 0) {
            responseBody = BodyFraming.fixed(parsed.contentLength());
        } else {
            responseBody = BodyFraming.untilClose();
            closeAfterResponse = true;
        }
        // Not after HEAD: some servers send the body anyway (Helidon 4.5 does), which would poison the next exchange.
        upstreamKeepAlive &= parsed.http11() && !parsed.close() && !(responseBody instanceof BodyFraming.UntilClose)
                && !headRequest;
        if (requestBody != null) {
            // Answered before the whole body came (an early 413, say): nobody will read the rest.
            closeAfterResponse = true;
        }
        head.reset().append(request.http11 ? "HTTP/1.1 " : "HTTP/1.0 ").number(code).append(" ")
                .append(parsed.reason()).append("\r\n");
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.relayed(i) && !changedByMiddleware(parsed.name(i))) {
                head.header(parsed.name(i), parsed.value(i));
            }
        }
        appendResponseChanges();
        if (parsed.chunked() && !noBody && request.http11) {
            head.header("Transfer-Encoding", "chunked");
        }
        if (closeAfterResponse) {
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

    /** Moves response body bytes to the client's buffer and writes them; the end of the body ends the exchange. */
    private void relayResponseBody() throws IOException {
        ByteBuffer upstreamIn = link.in;
        int available = Math.min(upstreamIn.position(), out.remaining());
        int taken = responseBody.take(upstreamIn.array(), 0, available);
        int relayed = responseBody.relayed();
        out.put(upstreamIn.array(), 0, relayed);
        bytesSent += relayed;
        upstreamIn.flip().position(taken);
        upstreamIn.compact();
        if (responseBody.done()) {
            completeResponse();
        }
        writeToClient();
    }

    /** The whole response is relayed (perhaps not yet written): the upstream connection goes back or is closed. */
    private void completeResponse() {
        responseDone = true;
        if (upstreamKeepAlive && requestBody == null && link.in.position() == 0) {
            loop.pool.release(link);
        } else {
            link.close();
        }
        link = null;
        record();
    }

    /** The upstream closed its side. */
    private void upstreamEnded() throws IOException {
        if (response == null) {
            upstreamBroke(new EOFException("the upstream closed the connection without answering"));
        } else if (responseBody instanceof BodyFraming.UntilClose) {
            completeResponse();
            writeToClient();
        } else {
            // The body ended early: the client must not take a short body for a whole one.
            close();
        }
    }

    /** The upstream failed before its answer began: once more on a new connection if that is safe, else 502. */
    private void upstreamBroke(IOException e) throws IOException {
        if (response != null) {
            close();
            return;
        }
        boolean stale = link != null && link.reused;
        UpstreamServer server = link == null ? null : link.server;
        dropLink();
        if (RetryPolicy.mayRetryOnNewConnection(request.method, bodySent || bodyOut.position() > 0, stale, staleRetried)) {
            // The same server again, on a new connection (it had closed the kept-alive one).
            staleRetried = true;
            tried.remove(server);
            connectUpstream();
            return;
        }
        LOG.log(Level.FINE, "Upstream " + upstreamUrl + " failed", e);
        fail(502, "Bad Gateway", "The upstream server failed to answer.");
    }

    private void dropLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        headOut = null;
    }

    // ---- answers of the proxy's own

    /** Answers with a small HTML or JSON error (by Accept) if nothing was sent yet; else cuts the connection. */
    private void fail(int code, String reason, String message) throws IOException {
        boolean json = request != null && ErrorPage.prefersJson(request.first("accept"));
        answerOwn(code, reason, List.of(), ErrorPage.contentType(json),
                ErrorPage.body(code, reason, message, json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An answer of the proxy's own (an error page, a redirect) with the router's middleware answer headers, if
     * nothing was sent yet; else cuts the connection.
     */
    private void answerOwn(int code, String reason, List<PortableMiddleware.HeaderChange> headers, String contentType,
                           byte[] body) throws IOException {
        if (response != null || responseDone) {
            close();
            return;
        }
        dropLink();
        if (requestBody != null) {
            closeAfterResponse = true;
            requestBody = null;
        }
        head.reset().append(request == null || request.http11 ? "HTTP/1.1 " : "HTTP/1.0 ").number(code).append(" ")
                .append(reason).append("\r\n");
        for (PortableMiddleware.HeaderChange header : headers) {
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
        writeToClient();
    }

    /** Whether a middleware sets or removes the answer header {@code name} (then the upstream's is not relayed). */
    private boolean changedByMiddleware(String name) {
        for (PortableMiddleware.HeaderChange change : responseChanges) {
            if (change.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The middlewares' answer headers: the last value set for a name wins, an empty one removes it. */
    private void appendResponseChanges() {
        for (int i = 0; i < responseChanges.size(); i++) {
            PortableMiddleware.HeaderChange change = responseChanges.get(i);
            boolean laterChange = false;
            for (int j = i + 1; j < responseChanges.size() && !laterChange; j++) {
                laterChange = responseChanges.get(j).name().equalsIgnoreCase(change.name());
            }
            if (!laterChange && !change.value().isEmpty()) {
                head.header(change.name(), change.value());
            }
        }
    }

    private void record() {
        long nanos = System.nanoTime() - started;
        String router = route == null ? "" : route.name();
        String service = route == null || route.service() == null ? "" : route.service().name();
        context.metrics().record(context.entrypoint().name(), router, service, status, nanos);
        AccessLog log = context.accessLog();
        if (log.enabled()) {
            ParsedRequest r = request;
            log.log(new AccessLog.Entry(peer == null ? peerAddress : peer.client(), r == null ? "-" : r.method,
                    r == null ? "" : r.host(), r == null ? "-" : r.rawTarget, r == null || r.http11 ? "HTTP/1.1" : "HTTP/1.0",
                    status, bytesSent, context.entrypoint().name(), router, service, upstreamUrl,
                    r == null ? "" : r.first("referer"), r == null ? "" : r.first("user-agent")), nanos);
        }
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
        if (link != null) {
            int upstreamOps;
            if (link.connecting) {
                upstreamOps = SelectionKey.OP_CONNECT;
            } else {
                upstreamOps = 0;
                if (headOut != null || bodyOut.position() > 0) {
                    upstreamOps |= SelectionKey.OP_WRITE;
                }
                if (!responseDone && !clientOutPending) {
                    upstreamOps |= SelectionKey.OP_READ;
                }
            }
            link.interest(upstreamOps);
        }
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

    void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        if (link != null) {
            link.close();
            link = null;
        }
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

    /** A response head: status line, then header lines (framing and hop-by-hop picked out by {@link ResponseHead}). */
    private static ResponseHead responseHead(byte[] bytes, int end) throws IOException {
        int lineEnd = HeadLines.lineEnd(bytes, 0, end);
        ResponseHead parsed = ResponseHead.statusLine(bytes, 0, lineEnd);
        int pos = HeadLines.next(bytes, lineEnd);
        while (true) {
            int stop = HeadLines.lineEnd(bytes, pos, end);
            if (stop == pos) {
                return parsed;
            }
            parsed.addLine(bytes, pos, stop);
            pos = HeadLines.next(bytes, stop);
        }
    }
}
