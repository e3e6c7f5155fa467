package org.openvault.proxy.routing;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.http.ForwardedHeaders;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.rules.RequestFacts;

/**
 * One request on its way through a router: what rules match on, what middlewares change on the way to the
 * upstream (path, headers, body limit, timeout) and on the way back (response headers, compression).
 */
public final class Exchange implements RequestFacts, UpstreamHead.Incoming {

    private final ServerRequest request;
    private final ServerResponse response;
    private final String entrypoint;
    private final String host;
    private final String method;
    private final String peerAddress;
    private final boolean fromTrustedProxy;
    private final String clientAddress;
    private List<Consumer<ServerResponseHeaders>> responseHeaderEdits = List.of();
    private Map<HeaderName, String> requestHeaderChanges = Map.of();
    private String upstreamPath;
    private long maxBodyBytes = -1;
    private Duration timeout;
    private int minCompressBytes = -1;
    private String router = "";
    private String service = "";
    private String upstream = "";
    private int status;
    private long bytesSent;
    private boolean responded;
    private WebSocketHandshake handshake;

    public Exchange(ServerRequest request, ServerResponse response, String entrypoint, List<AddressRange> trustedProxies) {
        this.request = request;
        this.response = response;
        this.entrypoint = entrypoint;
        this.method = request.prologue().method().text();
        this.upstreamPath = request.path().rawPath();
        this.host = ForwardedHeaders.hostWithoutPort(request.authority()).toLowerCase(Locale.ROOT);
        this.peerAddress = ((InetSocketAddress) request.remotePeer().address()).getAddress().getHostAddress();
        this.fromTrustedProxy = ForwardedHeaders.trusted(peerAddress, trustedProxies);
        this.clientAddress = fromTrustedProxy
                ? ForwardedHeaders.forwardedClient(peerAddress, request.headers().values(HeaderNames.X_FORWARDED_FOR), trustedProxies)
                : peerAddress;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return request.path().path();
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<String> header(String name) {
        return request.headers().values(HeaderNames.create(name));
    }

    @Override
    public void forEachHeader(UpstreamHead.HeaderLine line) {
        for (io.helidon.http.Header header : request.headers()) {
            String lower = header.headerName().lowerCase();
            if (header.valueCount() == 1) {
                line.accept(header.name(), lower, header.get());
            } else {
                for (String value : header.allValues()) {
                    line.accept(header.name(), lower, value);
                }
            }
        }
    }

    public ServerRequest request() {
        return request;
    }

    public ServerResponse response() {
        return response;
    }

    public String entrypoint() {
        return entrypoint;
    }

    /** The TCP peer. */
    public String peerAddress() {
        return peerAddress;
    }

    /** The client: the TCP peer, or the forwarded client when the peer is a trusted proxy. */
    public String clientAddress() {
        return clientAddress;
    }

    public boolean fromTrustedProxy() {
        return fromTrustedProxy;
    }

    /** The raw path (and no query) sent upstream; strip-prefix and add-prefix change it. */
    public String upstreamPath() {
        return upstreamPath;
    }

    public void upstreamPath(String path) {
        this.upstreamPath = path;
    }

    /** Sets a header sent upstream, in place of the client's or the proxy's own; an empty value removes it. */
    public void upstreamHeader(HeaderName name, String value) {
        if (requestHeaderChanges.isEmpty()) {
            requestHeaderChanges = new LinkedHashMap<>();
        }
        requestHeaderChanges.put(name, value);
    }

    /** The middlewares' header changes for the upstream request, by name (empty value: removed). */
    public Map<HeaderName, String> upstreamHeaderChanges() {
        return requestHeaderChanges;
    }

    public void editResponseHeaders(Consumer<ServerResponseHeaders> edit) {
        if (responseHeaderEdits.isEmpty()) {
            responseHeaderEdits = new ArrayList<>(4);
        }
        responseHeaderEdits.add(edit);
    }

    /** Applies the response header edits of the middlewares; call right before the response is sent. */
    public void applyResponseHeaders() {
        for (Consumer<ServerResponseHeaders> edit : responseHeaderEdits) {
            edit.accept(response.headers());
        }
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public void maxBodyBytes(long bytes) {
        this.maxBodyBytes = bytes;
    }

    public Duration timeout() {
        return timeout;
    }

    public void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Minimum response size to gzip, or -1 when compression is off for this router. */
    public int minCompressBytes() {
        return minCompressBytes;
    }

    public void compress(int minBytes) {
        this.minCompressBytes = minBytes;
    }

    public InputStream requestBody() {
        return request.content().inputStream();
    }

    public String router() {
        return router;
    }

    public void router(String router) {
        this.router = router;
    }

    public String service() {
        return service;
    }

    public void service(String service) {
        this.service = service;
    }

    public String upstream() {
        return upstream;
    }

    public void upstream(String upstream) {
        this.upstream = upstream;
    }

    public int status() {
        return status;
    }

    public void status(int status) {
        this.status = status;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public void addBytesSent(long bytes) {
        bytesSent += bytes;
    }

    /** The WebSocket handshake this request is (null for an ordinary request). */
    public WebSocketHandshake handshake() {
        return handshake;
    }

    public void handshake(WebSocketHandshake handshake) {
        this.handshake = handshake;
    }

    public boolean responded() {
        return responded || response.isSent();
    }

    public void markResponded() {
        responded = true;
    }

    /** Answers with a small HTML or JSON error (by Accept), after the middlewares' response headers. */
    public void sendError(Status status, String message) {
        ErrorPage.send(this, status, message);
    }
}
