package org.openvault.proxy.routing;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.http.ForwardedHeaders;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.middleware.Forwarding;
import org.openvault.proxy.middleware.PortableMiddleware;
import org.openvault.proxy.rules.RequestFacts;

/**
 * One request on the Helidon engine on its way through a router: what rules match on, and what the middlewares
 * decided about it ({@link Forwarding}).
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
    private final Forwarding forwarding;
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
        this.host = ForwardedHeaders.hostWithoutPort(request.authority()).toLowerCase(Locale.ROOT);
        this.peerAddress = ((InetSocketAddress) request.remotePeer().address()).getAddress().getHostAddress();
        this.fromTrustedProxy = ForwardedHeaders.trusted(peerAddress, trustedProxies);
        this.clientAddress = fromTrustedProxy
                ? ForwardedHeaders.forwardedClient(peerAddress, request.headers().values(HeaderNames.X_FORWARDED_FOR), trustedProxies)
                : peerAddress;
        this.forwarding = new Forwarding().clear(this, request.path().rawPath(), request.query().rawValue(), clientAddress,
                request.isSecure());
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

    /** What the router's middlewares decided about forwarding this request. */
    public Forwarding forwarding() {
        return forwarding;
    }

    /** Applies the middlewares' answer header changes; call right before the response is sent. */
    public void applyResponseHeaders() {
        for (PortableMiddleware.HeaderChange change : forwarding.responseHeaders()) {
            if (change.value().isEmpty()) {
                response.headers().remove(HeaderNames.create(change.name()));
            } else {
                response.headers().set(HeaderNames.create(change.name()), change.value());
            }
        }
    }

    /** A middleware's own answer: an error page, or a bodyless one (a redirect), with the middlewares' headers. */
    public void answer(PortableMiddleware.Answer answer) {
        for (PortableMiddleware.HeaderChange header : answer.headers()) {
            response.headers().set(HeaderNames.create(header.name()), header.value());
        }
        Status status = Status.create(answer.status(), answer.reason());
        if (answer.message() != null) {
            sendError(status, answer.message());
            return;
        }
        status(answer.status());
        markResponded();
        applyResponseHeaders();
        response.status(status).send();
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
