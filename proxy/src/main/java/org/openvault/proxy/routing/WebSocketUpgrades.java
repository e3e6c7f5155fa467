package org.openvault.proxy.routing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrade;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrader;
import io.helidon.webserver.spi.ServerConnection;
import org.openvault.proxy.http.HttpSyntax;

/**
 * Lets WebSocket handshakes ({@code Upgrade: websocket}) through the entrypoint's routing first: Helidon runs the
 * {@link EntrypointHandler} on them as a protocol-upgrade policy (rules, middlewares, then the upstream's own
 * handshake), and only when the upstream switched protocols does the connection become a {@link WebSocketTunnel}.
 */
public final class WebSocketUpgrades implements Http1RoutedUpgrader {

    /** Handshakes between Helidon asking for the upgrade and the handler claiming it, by connection (one at a time each). */
    private final Map<String, WebSocketHandshake> pending = new ConcurrentHashMap<>();

    @Override
    public String supportedProtocol() {
        return "websocket";
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        // Never called for a routed upgrader; nothing is upgraded without routing.
        return null;
    }

    @Override
    public Optional<Http1RoutedUpgrade> routedUpgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        if (prologue.method() != Method.GET || !HttpSyntax.hasToken(headers.values(HeaderNames.CONNECTION), "upgrade")) {
            return Optional.empty();
        }
        WebSocketHandshake handshake = new WebSocketHandshake(ctx);
        pending.put(key(ctx.socketId(), ctx.childSocketId()), handshake);
        return Optional.of(handshake);
    }

    /** The handshake Helidon announced for this request's connection, taken out (null when it is no handshake). */
    public WebSocketHandshake claim(ServerRequest request) {
        return pending.remove(key(request.serverSocketId(), request.socketId()));
    }

    private static String key(String listenerSocket, String connectionSocket) {
        return listenerSocket + ' ' + connectionSocket;
    }
}
