package org.openvault.proxy.engine.eventloop;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openvault.proxy.balancing.UpstreamServer;
import org.openvault.proxy.http.BodyFraming;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.HttpSyntax;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.http.RetryPolicy;
import org.openvault.proxy.middleware.Forwarding;
import org.openvault.proxy.middleware.MaxBody;
import org.openvault.proxy.middleware.Middleware;

/**
 * One request on its way through an event-loop entrypoint: route match, the router's middlewares, then (if none
 * answered) a server of the route's service, the head sent upstream, the request body pumped up and the response
 * relayed back with back-pressure, a refused, stale or cut connection retried as {@link RetryPolicy} allows, 502 and 504
 * when the upstream fails, and the upstream connection pooled when it can be reused. It reaches the client only
 * through {@link ClientSide}, so an HTTP/1 connection and an HTTP/2 stream drive it alike. An object serves one
 * exchange at a time and may be started again once it ended.
 */
final class UpstreamExchange {

    private static final Logger LOG = Logger.getLogger(UpstreamExchange.class.getName());
    private static final int BODY_BUFFER = 32 * 1024;
    /** Stands for a buffer not held now. */
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    private final EventLoop loop;
    private final EntrypointContext context;
    private final ClientSide client;
    private final boolean secure;
    private final HeadBytes head = new HeadBytes();
    /** Request body bytes for the upstream not yet written (write mode); allocated for the first request with a body. */
    private ByteBuffer bodyOut = NONE;

    private ParsedRequest request;
    private UpstreamRequestHead.Peer peer;
    private EventLoopRoute route;
    private String upstreamUrl = "";
    private final Set<UpstreamServer> tried = new HashSet<>();
    /** What the router's middlewares decided about this request. */
    private final Forwarding forwarding = new Forwarding();
    private long timeoutNanos;
    /** Whether the request is forwarded and its answer not yet complete. */
    private boolean inFlight;
    private boolean staleRetried;
    private UpstreamLink link;
    /** The request head for the upstream not yet written (read mode), or null when sent. */
    private ByteBuffer headOut;
    /** Whether the client side gave the whole request body (it may still wait in {@link #bodyOut}). */
    private boolean bodyComplete;
    /** Whether body bytes went upstream already (then a failed exchange cannot be retried). */
    private boolean bodySent;
    private ResponseHead response;
    private BodyFraming responseBody;
    private boolean upstreamKeepAlive;
    private boolean relaying;
    /** Whether the request is a WebSocket handshake (then a 101 turns the exchange into a tunnel). */
    private boolean webSocket;
    private long deadline;

    UpstreamExchange(EventLoop loop, EntrypointContext context, ClientSide client, boolean secure) {
        this.loop = loop;
        this.context = context;
        this.client = client;
        this.secure = secure;
    }

    /** Forgets the previous exchange (a request refused before routing has no route and no header changes). */
    void clear() {
        dropLink();
        request = null;
        peer = null;
        route = null;
        upstreamUrl = "";
        tried.clear();
        forwarding.clear(null, "", "", "", secure);
        inFlight = false;
        staleRetried = false;
        bodyComplete = true;
        bodySent = false;
        bodyOut.clear();
        response = null;
        responseBody = null;
    }

    /**
     * Serves a request: its route, the router's middlewares in order (their header changes are collected; one that
     * answers ends the exchange with {@link ClientSide#answer}), 404 without a route or a service, else the
     * request goes upstream.
     */
    void start(ParsedRequest parsed, UpstreamRequestHead.Peer from) throws IOException {
        clear();
        request = parsed;
        peer = from;
        route = context.route(parsed);
        if (route != null) {
            forwarding.clear(parsed, parsed.rawPath, parsed.query, from.client(), secure);
            for (Middleware middleware : route.middlewares()) {
                Middleware.Answer answer = middleware.apply(forwarding);
                if (answer != null) {
                    client.answer(answer);
                    return;
                }
            }
        }
        if (route == null || route.service() == null) {
            client.failed(404, "Not Found", route == null ? "No route matches this request." : "This router has no service.");
            return;
        }
        inFlight = true;
        webSocket = parsed.http11 && HttpSyntax.webSocketHandshake(parsed.method, parsed.header("connection"),
                parsed.header("upgrade"));
        timeoutNanos = forwarding.upstreamTimeout(route.service().config().timeout()).toNanos();
        bodyComplete = !parsed.hasBody();
        if (!bodyComplete && bodyOut == NONE) {
            bodyOut = ByteBuffer.allocate(BODY_BUFFER);
        }
        client.forwarding();
        connectUpstream();
    }

    EventLoopRoute route() {
        return route;
    }

    String upstreamUrl() {
        return upstreamUrl;
    }

    /** Whether the request was forwarded and its answer is not complete yet. */
    boolean inFlight() {
        return inFlight;
    }

    // ---- events

    void upstreamReady(int ready) {
        try {
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                try {
                    link.finishConnect();
                } catch (IOException e) {
                    connectFailed(e);
                    client.afterUpstreamEvent();
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
        } catch (IOException | RuntimeException e) {
            client.abort(e);
            return;
        }
        client.afterUpstreamEvent();
    }

    /** The client side gave more request body bytes: they go upstream as far as it takes them. */
    void requestBodyArrived() throws IOException {
        pumpRequestBody();
    }

    /** The client side has room again: what was read from the upstream already is relayed. */
    void resume() throws IOException {
        if (response != null && link != null && link.in.position() > 0) {
            relayResponseBody();
        }
    }

    /** Called by the loop's sweep while forwarding: a connect, a request body or an upstream that took too long. */
    void checkDeadline(long now) throws IOException {
        if (!inFlight || now - deadline < 0) {
            return;
        }
        if (link != null && link.connecting) {
            connectFailed(new IOException("connect timed out"));
        } else if (!bodyComplete) {
            client.abort(new IOException("the client stopped sending its request body"));
        } else if (response == null) {
            dropLink();
            fail(504, "Gateway Timeout", "The upstream server did not answer in time.");
        } else {
            // Mid-body: the head is gone out, so the client can only learn it by the cut.
            client.abort(new IOException("the upstream stopped sending its response body"));
        }
    }

    /** The client went away: the upstream connection, if any, is closed. */
    void close() {
        inFlight = false;
        dropLink();
    }

    /** What the router's middlewares decided about this request (its answer header changes, say). */
    Forwarding decisions() {
        return forwarding;
    }

    /** Updates what the upstream socket is watched for. */
    void updateInterest() {
        if (link == null) {
            return;
        }
        int ops;
        if (link.connecting) {
            ops = SelectionKey.OP_CONNECT;
        } else {
            ops = 0;
            if (headOut != null || bodyOut.position() > 0) {
                ops |= SelectionKey.OP_WRITE;
            }
            if (!client.backlogged()) {
                ops |= SelectionKey.OP_READ;
            }
        }
        link.interest(ops);
    }

    // ---- upstream side

    private void connectUpstream() throws IOException {
        UpstreamServer server = route.service().pick(tried);
        if (server == null) {
            fail(502, "Bad Gateway", "The upstream server refused the connection.");
            return;
        }
        connectTo(server, false);
    }

    /** Sends the request to {@code server}: on a kept-alive connection from the pool unless {@code fresh}. */
    private void connectTo(UpstreamServer server, boolean fresh) throws IOException {
        tried.add(server);
        upstreamUrl = server.url().toString();
        try {
            link = fresh ? UpstreamLink.open(server, loop, this) : loop.pool.acquire(server, this);
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
        if (RetryPolicy.mayTryAnotherServer(request.method, bodyStarted(), tried.size(), route.service().config().attempts())) {
            connectUpstream();
            return;
        }
        LOG.log(Level.FINE, "Cannot connect to " + upstreamUrl, e);
        fail(502, "Bad Gateway", "The upstream server refused the connection.");
    }

    private boolean bodyStarted() {
        return bodySent || bodyOut.position() > 0;
    }

    private void sendRequestHead() throws IOException {
        UpstreamRequestHead.write(head, request, peer, secure, link.server.authority(), route.service().config().passHostHeader(),
                forwarding, webSocket);
        headOut = head.buffer();
        link.in.clear();
        upstreamKeepAlive = true;
        deadline = System.nanoTime() + timeoutNanos;
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

    /** Moves request body bytes from the client side to the upstream, as far as both sides allow. */
    private void pumpRequestBody() throws IOException {
        while (link != null && !link.connecting && headOut == null) {
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
            if (bodyComplete) {
                return;
            }
            int before = bodyOut.position();
            try {
                bodyComplete = client.pullRequestBody(bodyOut);
            } catch (IOException malformed) {
                // The upstream connection, holding part of this body, is closed: nothing after it can be trusted.
                dropLink();
                fail(400, "Bad Request", "Malformed chunked request body.");
                return;
            }
            if (forwarding.maxBodyBytes() >= 0 && client.requestBodyBytes() > forwarding.maxBodyBytes() && response == null) {
                // Not one byte past the limit goes upstream: the connection holding the start is closed.
                inFlight = false;
                dropLink();
                client.answer(MaxBody.tooLarge(forwarding.maxBodyBytes()));
                return;
            }
            if (bodyOut.position() == before && !bodyComplete) {
                return;
            }
            deadline = System.nanoTime() + timeoutNanos;
        }
    }

    private void readFromUpstream() throws IOException {
        UpstreamLink current = link;
        // Stops when this exchange's link is done with (the next exchange may already have taken another one).
        while (link == current && link != null && client.room() > 0) {
            int read;
            try {
                read = link.channel.read(link.in);
            } catch (IOException e) {
                upstreamBroke(e);
                return;
            }
            if (read < 0) {
                // Bytes read before the close go to the client first: they may complete the body. What finds no
                // room yet waits for it, and the close is read again once they are out.
                if (response != null && link.in.position() > 0 && (relayResponseBody() || link.in.position() > 0)) {
                    return;
                }
                upstreamEnded();
                return;
            }
            if (read > 0) {
                deadline = System.nanoTime() + timeoutNanos;
            }
            if (response == null && !readResponseHead()) {
                return;
            }
            if (relayResponseBody() || read == 0) {
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
            if (parsed.code() >= 100 && parsed.code() < 200 && !(parsed.code() == 101 && webSocket)) {
                continue;
            }
            startResponse(parsed);
            return true;
        }
    }

    private void startResponse(ResponseHead parsed) throws IOException {
        response = parsed;
        link.server.succeeded();
        int code = parsed.code();
        boolean headRequest = request.method.equals("HEAD");
        ClientSide.BodyRelay relay;
        if (code == 101) {
            // Bytes both ways until either side closes; silence ends it at the entrypoint's idle timeout.
            responseBody = BodyFraming.untilClose();
            relay = ClientSide.BodyRelay.TUNNEL;
            bodyComplete = false;
            if (bodyOut == NONE) {
                bodyOut = ByteBuffer.allocate(BODY_BUFFER);
            }
            timeoutNanos = context.entrypoint().idleTimeout().toNanos();
            deadline = System.nanoTime() + timeoutNanos;
        } else if (headRequest || code == 204 || code == 304) {
            responseBody = BodyFraming.none();
            relay = ClientSide.BodyRelay.NONE;
        } else if (parsed.chunked() && client.passesChunks()) {
            responseBody = BodyFraming.chunked();
            relay = ClientSide.BodyRelay.CHUNKS;
        } else if (parsed.chunked()) {
            responseBody = BodyFraming.dechunked();
            relay = ClientSide.BodyRelay.DATA_ONLY;
        } else if (parsed.contentLength() >= 0) {
            responseBody = BodyFraming.fixed(parsed.contentLength());
            relay = ClientSide.BodyRelay.LENGTH;
        } else {
            responseBody = BodyFraming.untilClose();
            relay = ClientSide.BodyRelay.UNTIL_CLOSE;
        }
        // Not after HEAD: some servers send the body anyway (Helidon 4.5 does), which would poison the next exchange.
        upstreamKeepAlive &= parsed.http11() && !parsed.close() && responseBody.getClass() != BodyFraming.UntilClose.class
                && !headRequest;
        client.responseHead(parsed, relay);
        if (relay == ClientSide.BodyRelay.TUNNEL) {
            // What the client sent right after its handshake.
            pumpRequestBody();
        }
    }

    /**
     * Relays what the upstream sent as far as the client side takes it; true when that completed the response.
     * Not re-entered from the client side's writes: the loop goes on while bytes and room remain.
     */
    private boolean relayResponseBody() throws IOException {
        if (relaying) {
            return false;
        }
        relaying = true;
        boolean complete = false;
        try {
            while (true) {
                ByteBuffer upstreamIn = link.in;
                int available = Math.min(upstreamIn.position(), client.room());
                int taken = responseBody.take(upstreamIn.array(), 0, available);
                int relayed = responseBody.relayed();
                if (relayed > 0) {
                    client.responseBody(upstreamIn.array(), relayed);
                }
                upstreamIn.flip().position(taken);
                upstreamIn.compact();
                if (responseBody.done()) {
                    complete = true;
                    break;
                }
                if (taken == 0 || upstreamIn.position() == 0) {
                    break;
                }
            }
        } finally {
            relaying = false;
        }
        if (complete) {
            completeResponse();
        }
        return complete;
    }

    /** The whole response is relayed (perhaps not yet written): the upstream connection goes back or is closed. */
    private void completeResponse() throws IOException {
        inFlight = false;
        if (upstreamKeepAlive && bodyComplete && bodyOut.position() == 0 && link.in.position() == 0) {
            loop.pool.release(link);
        } else {
            link.close();
        }
        link = null;
        client.responseComplete();
    }

    /** The upstream closed its side. */
    private void upstreamEnded() throws IOException {
        if (response == null) {
            upstreamBroke(new EOFException("the upstream closed the connection without answering"));
        } else if (responseBody instanceof BodyFraming.UntilClose) {
            completeResponse();
        } else {
            // The body ended early: the client must not take a short body for a whole one.
            client.abort(new EOFException("the upstream closed the connection mid-body"));
        }
    }

    /**
     * The upstream failed before its answer began. As far as {@link RetryPolicy} allows: a kept-alive connection
     * (which the server may merely have closed) is replaced by a new one to the same server, never by another pooled
     * one, which a server that died has left behind as broken; otherwise (a server dying with the request in flight,
     * or refusing the new connection) the next server is tried. Else 502.
     */
    private void upstreamBroke(IOException e) throws IOException {
        if (response != null) {
            client.abort(e);
            return;
        }
        boolean stale = link.reused;
        UpstreamServer server = link.server;
        dropLink();
        if (RetryPolicy.mayRetryOnNewConnection(request.method, bodyStarted(), stale, staleRetried)) {
            staleRetried = true;
            connectTo(server, true);
            return;
        }
        if (RetryPolicy.mayTryAnotherServer(request.method, bodyStarted(), tried.size(), route.service().config().attempts())) {
            connectUpstream();
            return;
        }
        LOG.log(Level.FINE, "Upstream " + upstreamUrl + " failed", e);
        fail(502, "Bad Gateway", "The upstream server failed to answer.");
    }

    private void fail(int status, String reason, String message) throws IOException {
        inFlight = false;
        dropLink();
        client.failed(status, reason, message);
    }

    private void dropLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        headOut = null;
    }

    /**
     * A response head: status line, then header lines (framing and hop-by-hop picked out by {@link ResponseHead}),
     * on a copy of its bytes (the read buffer moves on).
     */
    private static ResponseHead responseHead(byte[] buffer, int end) throws IOException {
        byte[] bytes = Arrays.copyOf(buffer, end);
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
