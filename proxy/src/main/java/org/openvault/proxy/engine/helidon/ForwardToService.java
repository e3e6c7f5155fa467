package org.openvault.proxy.engine.helidon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.proxy.balancing.BalancedService;
import org.openvault.proxy.balancing.UpstreamConnection;
import org.openvault.proxy.balancing.UpstreamServer;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.http.RetryPolicy;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.middleware.Forwarding;
import org.openvault.proxy.middleware.MaxBody;
import org.openvault.proxy.routing.Exchange;

/**
 * Sends an exchange to one server of a service over a pooled HTTP/1.1 connection and streams the answer back:
 * bodies both ways without buffering, forwarded headers set (incoming ones believed only from trusted proxies),
 * hop-by-hop headers dropped, Host kept. A refused connection is retried on the next server for idempotent requests whose body
 * was not yet read; then 502. No answer in time is 504.
 */
public final class ForwardToService {

    private static final Logger LOG = Logger.getLogger(ForwardToService.class.getName());
    private static final int SMALL_BODY = 16384;

    private ForwardToService() {
    }

    public static void forward(Exchange exchange, BalancedService service) {
        ServerRequest req = exchange.request();
        exchange.service(service.name());
        Method method = req.prologue().method();
        boolean hasBody = req.content().hasEntity();
        Forwarding forwarding = exchange.forwarding();
        LimitedBody body = hasBody ? new LimitedBody(exchange.requestBody(), forwarding.maxBodyBytes()) : null;
        Duration timeout = forwarding.upstreamTimeout(service.config().timeout());
        String query = req.query().rawValue();
        String target = forwarding.upstreamPath() + (query.isEmpty() ? "" : "?" + query);
        Set<UpstreamServer> tried = new HashSet<>();
        boolean staleRetried = false;
        UpstreamServer server = null;
        while (true) {
            if (server == null) {
                server = service.pick(tried);
                if (server == null) {
                    // Every server was tried (a service has at least one): the last one refused too.
                    exchange.sendError(Status.BAD_GATEWAY_502, "The upstream server refused the connection.");
                    return;
                }
                tried.add(server);
            }
            exchange.upstream(server.url().toString());
            UpstreamConnection connection;
            try {
                connection = server.acquire();
            } catch (IOException e) {
                server.connectFailed();
                if (RetryPolicy.mayTryAnotherServer(method.text(), body != null && body.count() > 0, tried.size(),
                        service.config().attempts())) {
                    server = null;
                    continue;
                }
                LOG.log(Level.FINE, "Cannot connect to " + server, e);
                exchange.sendError(Status.BAD_GATEWAY_502, "The upstream server refused the connection.");
                return;
            }
            ResponseHead head;
            try {
                sendRequest(exchange, connection, method, target, body, service.config().passHostHeader(), server);
                connection.awaitAnswer(timeout);
                head = connection.readHead();
            } catch (BodyTooLargeException e) {
                connection.close();
                exchange.answer(MaxBody.tooLarge(forwarding.maxBodyBytes()));
                return;
            } catch (IOException | RuntimeException e) {
                connection.close();
                if (connection.timedOut()) {
                    exchange.sendError(Status.GATEWAY_TIMEOUT_504, "The upstream server did not answer in time.");
                    return;
                }
                Throwable cause = rootCause(e);
                if (cause instanceof MalformedBodyException) {
                    // The rest of the connection cannot be read as requests any more.
                    exchange.response().header(HeaderNames.CONNECTION, "close");
                    exchange.sendError(Status.BAD_REQUEST_400, "Malformed chunked request body.");
                    return;
                }
                if (cause instanceof BodyTooLargeException) {
                    exchange.answer(MaxBody.tooLarge(forwarding.maxBodyBytes()));
                    return;
                }
                // A kept-alive connection the upstream had already closed: try once more on a new one.
                if (RetryPolicy.mayRetryOnNewConnection(method.text(), body != null && body.count() > 0, connection.reused,
                        staleRetried)) {
                    staleRetried = true;
                    continue;
                }
                LOG.log(Level.FINE, "Upstream " + server + " failed for " + req.path().rawPath(), e);
                exchange.sendError(Status.BAD_GATEWAY_502, "The upstream server failed to answer.");
                return;
            }
            server.succeeded();
            if (exchange.handshake() != null && head.code() == 101) {
                switchProtocols(exchange, connection, head);
            } else {
                respond(exchange, method, server, connection, head);
            }
            return;
        }
    }

    private static void sendRequest(Exchange exchange, UpstreamConnection connection, Method method, String target,
                                    LimitedBody body, boolean passHost, UpstreamServer server) throws IOException {
        HeadBytes head = connection.head.reset();
        head.append(method.text()).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasLength = requestHeaders(exchange, head, passHost, server);
        boolean chunked = body != null && !hasLength;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append('\r').append('\n');
        head.writeTo(connection.out);
        if (body != null) {
            if (chunked) {
                UpstreamConnection.ChunkedOutput out = new UpstreamConnection.ChunkedOutput(connection.out);
                body.transferTo(out);
                out.finish();
            } else {
                body.transferTo(connection.out);
            }
        }
        connection.out.flush();
    }

    /** The upstream accepted a WebSocket handshake: its 101 (end-to-end headers, Connection and Upgrade) goes to the client. */
    private static void switchProtocols(Exchange exchange, UpstreamConnection connection, ResponseHead head) {
        WritableHeaders<?> headers = WritableHeaders.create();
        for (int i = 0; i < head.size(); i++) {
            if (head.relayed(i)) {
                headers.add(HeaderValues.create(head.name(i), head.value(i)));
            }
        }
        headers.set(HeaderNames.CONNECTION, "Upgrade");
        headers.set(HeaderNames.UPGRADE, head.upgrade() == null ? "websocket" : head.upgrade());
        // A tunnel waits on its peers however long (the entrypoint's idle timeout ends a silent one).
        connection.stopWaiting();
        exchange.status(101);
        exchange.markResponded();
        exchange.applyResponseHeaders();
        exchange.handshake().accept(headers, connection.tunnelEnd());
    }

    private static void respond(Exchange exchange, Method method, UpstreamServer server, UpstreamConnection connection,
                                ResponseHead head) {
        try {
            stream(exchange, method, server, connection, head);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static void stream(Exchange exchange, Method method, UpstreamServer server, UpstreamConnection connection,
                               ResponseHead head) {
        ServerResponse res = exchange.response();
        int code = head.code();
        res.status(head.reason().isEmpty() ? Status.create(code) : Status.create(code, head.reason()));
        ServerResponseHeaders responseHeaders = res.headers();
        for (int i = 0; i < head.size(); i++) {
            if (head.relayed(i)) {
                responseHeaders.add(HeaderValues.create(head.name(i), head.value(i)));
            }
        }
        long length = head.contentLength();
        boolean chunked = head.chunked();
        boolean noBody = method == Method.HEAD || code == 204 || code == 304 || code < 200 || (!chunked && length == 0);
        boolean untilClose = !noBody && !chunked && length < 0;
        // Not after HEAD: some servers send the body anyway (Helidon 4.5 does), which would poison the next exchange.
        boolean keepAlive = head.http11() && !head.close() && !untilClose && method != Method.HEAD;
        exchange.status(code);
        exchange.markResponded();
        exchange.applyResponseHeaders();
        if (noBody) {
            res.send();
            finish(server, connection, keepAlive);
            return;
        }
        if (!chunked && length > 0 && length <= SMALL_BODY) {
            // A small body of known length goes out in one write with the headers (one TLS record, one syscall).
            byte[] small;
            try {
                small = connection.in.readNBytes((int) length);
            } catch (IOException e) {
                connection.close();
                throw new UncheckedIOException(e);
            }
            if (small.length < length) {
                connection.close();
                throw new UncheckedIOException(new java.io.EOFException("upstream body ended early"));
            }
            exchange.addBytesSent(small.length);
            finish(server, connection, keepAlive);
            res.send(small);
            return;
        }
        InputStream in = chunked ? new UpstreamConnection.ChunkedInput(connection)
                : untilClose ? connection.in : new UpstreamConnection.FixedInput(connection.in, length);
        byte[] buffer = new byte[16384];
        try (OutputStream out = res.outputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                exchange.addBytesSent(read);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        finish(server, connection, keepAlive);
    }

    private static void finish(UpstreamServer server, UpstreamConnection connection, boolean keepAlive) {
        if (keepAlive) {
            server.release(connection);
        } else {
            connection.close();
        }
    }

    /** Writes the request headers for the upstream ({@link UpstreamHead}); whether a Content-Length went out. */
    private static boolean requestHeaders(Exchange exchange, HeadBytes head, boolean passHost, UpstreamServer server) {
        ServerRequest req = exchange.request();
        UpstreamHead.write(head, exchange, new UpstreamHead.Hop(exchange.peerAddress(), exchange.fromTrustedProxy(),
                exchange.clientAddress(), req.isSecure(), req.authority()), exchange.forwarding().upstreamHeaders(),
                passHost, server.authority(), exchange.handshake() != null);
        if (req.headers().contentLength().isPresent()) {
            // The length Helidon framed the client's body by, once.
            head.header("Content-Length", Long.toString(req.headers().contentLength().getAsLong()));
            return true;
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof BodyTooLargeException || cause instanceof MalformedBodyException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return cause;
    }

    /** The request body as read, counted, refused past a limit. */
    private static final class LimitedBody extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        LimitedBody(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = decoded(in::read);
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = decoded(() -> in.read(buffer, offset, length));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private interface Read {
            int read() throws IOException;
        }

        private static int decoded(Read read) throws IOException {
            try {
                return read.read();
            } catch (RequestException | IllegalArgumentException e) {
                // Helidon's chunk decoder refusing a chunk line (a client that went away is not this).
                throw new MalformedBodyException(e);
            }
        }

        private void counted(int n) {
            count += n;
            if (limit >= 0 && count > limit) {
                throw new BodyTooLargeException();
            }
        }
    }

    /** Thrown while streaming when the client's body breaks its framing (a malformed chunk). */
    static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(RuntimeException cause) {
            super("malformed request body: " + cause.getMessage(), cause, false, false);
        }
    }

    /** Thrown while streaming when a body passes the max-body limit. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }
}
