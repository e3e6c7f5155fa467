package org.openvault.proxy.engine.helidon;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.ProtocolUpgradeHandler;
import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.ProxyMetrics;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Route;
import org.openvault.proxy.routing.Routes;
import org.openvault.proxy.routing.WebSocketHandshake;
import org.openvault.proxy.routing.WebSocketUpgrades;

/**
 * Every request on one entrypoint: the matching route with the highest priority handles it; then metrics and log.
 * WebSocket handshakes take the same way, and switch the connection to a tunnel only when their upstream agreed.
 */
public final class EntrypointHandler implements ProtocolUpgradeHandler {

    private static final Logger LOG = Logger.getLogger(EntrypointHandler.class.getName());

    private final String entrypoint;
    private final Routes<Route> routes;
    private final List<AddressRange> trustedProxies;
    private final ProxyMetrics metrics;
    private final AccessLog accessLog;
    private final int maxHeaderBytes;
    private final WebSocketUpgrades webSocketUpgrades;
    private final AtomicBoolean draining;

    public EntrypointHandler(String entrypoint, List<Route> routes, List<AddressRange> trustedProxies,
                             ProxyMetrics metrics, AccessLog accessLog, int maxHeaderBytes, WebSocketUpgrades webSocketUpgrades,
                             AtomicBoolean draining) {
        this.webSocketUpgrades = webSocketUpgrades;
        this.draining = draining;
        this.maxHeaderBytes = maxHeaderBytes;
        this.entrypoint = entrypoint;
        this.routes = new Routes<>(routes);
        this.trustedProxies = trustedProxies;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        handle(req, res, null);
    }

    @Override
    public void handleProtocolUpgrade(ServerRequest req, ServerResponse res) {
        WebSocketHandshake handshake = webSocketUpgrades == null ? null : webSocketUpgrades.claim(req);
        if (handshake == null) {
            // Not a handshake this entrypoint tunnels: an ordinary request (hop-by-hop Upgrade dropped).
            handle(req, res, null);
            return;
        }
        handle(req, res, handshake);
        if (handshake.accepted()) {
            if (res.isSent()) {
                handshake.abandon();
            } else {
                // Past every policy: Helidon now calls the handshake, which sends the 101 and starts the tunnel.
                res.next();
            }
        }
    }

    private void handle(ServerRequest req, ServerResponse res, WebSocketHandshake handshake) {
        long started = System.nanoTime();
        Exchange exchange = new Exchange(req, res, entrypoint, trustedProxies);
        exchange.handshake(handshake);
        if (draining.get()) {
            // The proxy is stopping: the client's next request opens a new connection, which the load balancer
            // gives to another replica.
            res.header(HeaderNames.CONNECTION, "close");
        }
        try {
            Route route = routes.match(exchange);
            if (headerBytes(req) > maxHeaderBytes) {
                exchange.sendError(Status.create(431, "Request Header Fields Too Large"), "The request headers are too large.");
            } else if (route == null) {
                exchange.sendError(Status.NOT_FOUND_404, "No route matches this request.");
            } else {
                exchange.router(route.name());
                route.chain().proceed(exchange);
                if (!exchange.responded()) {
                    exchange.sendError(Status.NOT_FOUND_404, "This router has no service.");
                }
            }
        } catch (UncheckedIOException e) {
            // The client or the upstream went away mid-body: nothing more can be sent on this connection.
            if (exchange.status() == 0) {
                exchange.status(499);
            }
            LOG.log(Level.FINE, "Exchange broken off: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Failed to handle " + req.prologue().method().text() + " " + req.path().rawPath(), e);
            if (!exchange.responded()) {
                exchange.sendError(Status.BAD_GATEWAY_502, "The proxy could not complete this request.");
            } else {
                throw e;
            }
        } finally {
            long nanos = System.nanoTime() - started;
            metrics.record(exchange, nanos);
            accessLog.log(exchange, nanos);
        }
    }

    private static int headerBytes(ServerRequest req) {
        int bytes = 0;
        for (var header : req.headers()) {
            if (header.valueCount() == 1) {
                bytes += header.name().length() + header.get().length() + 4;
            } else {
                for (String value : header.allValues()) {
                    bytes += header.name().length() + value.length() + 4;
                }
            }
        }
        return bytes;
    }

}
