package org.openvault.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.ClientRequestHeaders;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.proxy.routing.Exchange;

/**
 * Sends an exchange to one server of a service over a pooled HTTP/1.1 connection and streams the answer back:
 * bodies both ways without buffering, forwarded headers set (incoming ones believed only from trusted proxies),
 * hop-by-hop headers dropped, Host kept. A refused connection is retried on the next server for idempotent requests whose body
 * was not yet read; then 502. No answer in time is 504.
 */
public final class ForwardToService {

    private static final Logger LOG = Logger.getLogger(ForwardToService.class.getName());
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection", "http2-settings");
    private static final Set<String> FORWARDING = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "forwarded");
    private static final int SMALL_BODY = 16384;
    private static final io.helidon.http.HeaderName X_REAL_IP = HeaderNames.create("X-Real-IP");
    private static final Set<Method> IDEMPOTENT = Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE,
            Method.PUT, Method.DELETE);

    private ForwardToService() {
    }

    public static void forward(Exchange exchange, BalancedService service) {
        ServerRequest req = exchange.request();
        exchange.service(service.name());
        Method method = req.prologue().method();
        boolean hasBody = req.content().hasEntity();
        LimitedBody body = hasBody ? new LimitedBody(exchange.requestBody(), exchange.maxBodyBytes()) : null;
        Duration timeout = service.config().timeout();
        if (exchange.timeout() != null && exchange.timeout().compareTo(timeout) < 0) {
            timeout = exchange.timeout();
        }
        String query = req.query().rawValue();
        String target = exchange.upstreamPath() + (query.isEmpty() ? "" : "?" + query);
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
                boolean retryable = IDEMPOTENT.contains(method) && (body == null || body.count() == 0);
                if (retryable && tried.size() < service.config().attempts()) {
                    server = null;
                    continue;
                }
                LOG.log(Level.FINE, "Cannot connect to " + server, e);
                exchange.sendError(Status.BAD_GATEWAY_502, "The upstream server refused the connection.");
                return;
            }
            ResponseHead head;
            try {
                connection.readTimeout(timeout);
                sendRequest(exchange, connection, method, target, body, service.config().passHostHeader(), server);
                head = readHead(connection);
            } catch (BodyTooLargeException e) {
                connection.close();
                exchange.sendError(Status.REQUEST_ENTITY_TOO_LARGE_413,
                        "The request body is larger than " + exchange.maxBodyBytes() + " bytes.");
                return;
            } catch (SocketTimeoutException e) {
                connection.close();
                exchange.sendError(Status.GATEWAY_TIMEOUT_504, "The upstream server did not answer in time.");
                return;
            } catch (IOException | RuntimeException e) {
                connection.close();
                Throwable cause = rootCause(e);
                if (cause instanceof BodyTooLargeException) {
                    exchange.sendError(Status.REQUEST_ENTITY_TOO_LARGE_413,
                            "The request body is larger than " + exchange.maxBodyBytes() + " bytes.");
                    return;
                }
                // A kept-alive connection the upstream had already closed: try once more on a new one.
                if (connection.reused && !staleRetried && (body == null || body.count() == 0)) {
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

    /** Status line and headers of an upstream response. */
    private record ResponseHead(int code, String reason, boolean http11, WritableHeaders<?> headers) {
    }

    private static void sendRequest(Exchange exchange, UpstreamConnection connection, Method method, String target,
                                    LimitedBody body, boolean passHost, UpstreamServer server) throws IOException {
        ClientRequestHeaders headers = ClientRequestHeaders.create(WritableHeaders.create());
        requestHeaders(exchange, headers, passHost);
        if (exchange.handshake() != null) {
            // The one case where Connection and Upgrade go on: the upstream must see the WebSocket handshake.
            headers.set(HeaderNames.CONNECTION, "Upgrade");
            headers.set(HeaderNames.UPGRADE, exchange.request().headers().get(HeaderNames.UPGRADE).allValues().toArray(String[]::new));
        }
        if (!headers.contains(HeaderNames.HOST)) {
            headers.set(HeaderNames.HOST, server.authority());
        }
        boolean chunked = body != null && !headers.contains(HeaderNames.CONTENT_LENGTH);
        StringBuilder head = new StringBuilder(512);
        head.append(method.text()).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (Header header : headers) {
            for (String value : header.allValues()) {
                head.append(header.name()).append(": ").append(value).append("\r\n");
            }
        }
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append("\r\n");
        connection.write(head.toString());
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

    private static ResponseHead readHead(UpstreamConnection connection) throws IOException {
        while (true) {
            String statusLine = connection.readLine(8192);
            if (statusLine == null) {
                throw new java.io.EOFException("the upstream closed the connection without answering");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1 status line from upstream: " + statusLine);
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status from upstream: " + statusLine);
            }
            WritableHeaders<?> headers = WritableHeaders.create();
            int total = 0;
            String line;
            while ((line = connection.readLine(65536)) != null && !line.isEmpty()) {
                total += line.length();
                if (total > 262144) {
                    throw new IOException("upstream headers too large");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("bad header line from upstream: " + line);
                }
                headers.add(HeaderValues.create(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
            if (line == null) {
                throw new java.io.EOFException("the upstream closed the connection inside the response headers");
            }
            if (code >= 100 && code < 200 && code != 101) {
                continue;
            }
            return new ResponseHead(code, parts.length > 2 ? parts[2] : "", parts[0].equals("HTTP/1.1"), headers);
        }
    }

    /** The upstream accepted a WebSocket handshake: its 101 (end-to-end headers, Connection and Upgrade) goes to the client. */
    private static void switchProtocols(Exchange exchange, UpstreamConnection connection, ResponseHead head) {
        Headers upstreamHeaders = head.headers();
        Set<String> connectionTokens = connectionTokens(upstreamHeaders);
        WritableHeaders<?> headers = WritableHeaders.create();
        for (Header header : upstreamHeaders) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)) {
                headers.add(header);
            }
        }
        headers.set(HeaderNames.CONNECTION, "Upgrade");
        headers.set(HeaderNames.UPGRADE, upstreamHeaders.first(HeaderNames.UPGRADE).orElse("websocket"));
        try {
            connection.noReadTimeout();
        } catch (IOException e) {
            connection.close();
            throw new UncheckedIOException(e);
        }
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
        Headers upstreamHeaders = head.headers();
        Set<String> connectionTokens = connectionTokens(upstreamHeaders);
        int code = head.code();
        res.status(head.reason().isEmpty() ? Status.create(code) : Status.create(code, head.reason()));
        for (Header header : upstreamHeaders) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)) {
                res.header(header);
            }
        }
        String transferEncoding = upstreamHeaders.first(HeaderNames.TRANSFER_ENCODING).orElse("").toLowerCase(Locale.ROOT);
        long length = upstreamHeaders.first(HeaderNames.CONTENT_LENGTH).map(v -> Long.parseLong(v.trim())).orElse(-1L);
        boolean chunked = transferEncoding.contains("chunked");
        boolean noBody = method == Method.HEAD || code == 204 || code == 304 || code < 200 || (!chunked && length == 0);
        boolean untilClose = !noBody && !chunked && length < 0;
        boolean keepAlive = head.http11() && !connectionTokens.contains("close") && !untilClose;
        boolean gzip = !noBody && shouldCompress(exchange, upstreamHeaders);
        if (gzip) {
            res.headers().remove(HeaderNames.CONTENT_LENGTH);
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.headers().add(HeaderNames.VARY, "Accept-Encoding");
        }
        exchange.status(code);
        exchange.markResponded();
        exchange.applyResponseHeaders();
        if (noBody) {
            res.send();
            finish(server, connection, keepAlive);
            return;
        }
        if (!gzip && !chunked && length > 0 && length <= SMALL_BODY) {
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
        try (OutputStream raw = res.outputStream();
             OutputStream out = gzip ? new GZIPOutputStream(raw, 8192, true) : raw) {
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

    private static boolean shouldCompress(Exchange exchange, Headers upstream) {
        if (exchange.minCompressBytes() < 0 || upstream.contains(HeaderNames.CONTENT_ENCODING)) {
            return false;
        }
        String accepted = String.join(",", exchange.request().headers().values(HeaderNames.ACCEPT_ENCODING)).toLowerCase(Locale.ROOT);
        if (!accepted.contains("gzip")) {
            return false;
        }
        String type = upstream.first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("javascript")
                || type.contains("xml") || type.contains("svg");
        long length = upstream.first(HeaderNames.CONTENT_LENGTH).map(Long::parseLong).orElse(Long.MAX_VALUE);
        return textual && length >= exchange.minCompressBytes();
    }

    private static void requestHeaders(Exchange exchange, ClientRequestHeaders headers, boolean passHost) {
        ServerRequest req = exchange.request();
        Set<String> connectionTokens = connectionTokens(req.headers());
        boolean trusted = exchange.fromTrustedProxy();
        for (Header header : req.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || connectionTokens.contains(name) || name.equals("expect") || name.startsWith(":")
                    || name.equals("host") || (!trusted && FORWARDING.contains(name))) {
                continue;
            }
            headers.add(header);
        }
        String proto = req.isSecure() ? "https" : "http";
        String authority = req.authority();
        String peer = exchange.peerAddress();
        String priorFor = trusted ? String.join(", ", req.headers().values(HeaderNames.X_FORWARDED_FOR)) : "";
        headers.set(HeaderNames.X_FORWARDED_FOR, priorFor.isBlank() ? peer : priorFor + ", " + peer);
        if (!headers.contains(HeaderNames.X_FORWARDED_PROTO)) {
            headers.set(HeaderNames.X_FORWARDED_PROTO, proto);
        }
        if (!headers.contains(HeaderNames.X_FORWARDED_HOST) && authority != null) {
            headers.set(HeaderNames.X_FORWARDED_HOST, authority);
        }
        if (!headers.contains(HeaderNames.X_FORWARDED_PORT)) {
            headers.set(HeaderNames.X_FORWARDED_PORT, port(authority, req.isSecure()));
        }
        if (!headers.contains(X_REAL_IP)) {
            headers.set(X_REAL_IP, exchange.clientAddress());
        }
        String element = "for=" + node(peer) + ";proto=" + proto
                + (authority == null ? "" : ";host=\"" + authority.replace("\"", "") + "\"");
        String priorForwarded = trusted ? String.join(", ", req.headers().values(HeaderNames.FORWARDED)) : "";
        headers.set(HeaderNames.FORWARDED, priorForwarded.isBlank() ? element : priorForwarded + ", " + element);
        if (passHost && authority != null) {
            headers.set(HeaderNames.HOST, authority);
        }
        exchange.requestHeaderEdits().forEach(edit -> edit.accept(headers));
    }

    /** Header names listed in Connection are hop-by-hop too (RFC 9110, 7.6.1). */
    private static Set<String> connectionTokens(Headers headers) {
        Set<String> tokens = new HashSet<>();
        for (String value : headers.values(HeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static String port(String authority, boolean secure) {
        if (authority != null) {
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (colon > close && colon < authority.length() - 1) {
                return authority.substring(colon + 1);
            }
        }
        return secure ? "443" : "80";
    }

    /** An RFC 7239 node: IPv6 addresses quoted in brackets. */
    private static String node(String address) {
        return address.contains(":") ? "\"[" + address + "]\"" : address;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof BodyTooLargeException) {
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
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (limit >= 0 && count > limit) {
                throw new BodyTooLargeException();
            }
        }
    }

    /** Thrown while streaming when a body passes the max-body limit. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }
}
