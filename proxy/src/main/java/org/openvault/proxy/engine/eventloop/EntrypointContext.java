package org.openvault.proxy.engine.eventloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.middleware.PortableMiddleware;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.ProxyMetrics;
import org.openvault.proxy.routing.Routes;

/**
 * What every connection of one event-loop entrypoint shares: its settings, routes, TLS and bookkeeping.
 * {@code unroutedAnswerHeaders} go on the answers made before a router is known (a refused head, no route): the
 * security headers every router of the entrypoint sets, so that those answers carry them too.
 */
record EntrypointContext(ProxyConfig.Entrypoint entrypoint, Routes<EventLoopRoute> routes, List<AddressRange> trustedProxies,
                         ProxyMetrics metrics, AccessLog accessLog, SSLContext sslContext, SSLParameters sslParameters,
                         Semaphore connectionSlots, Map<String, Integer> connectionsByAddress,
                         List<PortableMiddleware.HeaderChange> unroutedAnswerHeaders) {

    static EntrypointContext of(ProxyConfig.Entrypoint entrypoint, List<EventLoopRoute> routes, List<AddressRange> trustedProxies,
                                ProxyMetrics metrics, AccessLog accessLog, SSLContext sslContext, SSLParameters sslParameters) {
        return new EntrypointContext(entrypoint, new Routes<>(routes), trustedProxies, metrics, accessLog, sslContext,
                sslParameters, new Semaphore(entrypoint.maxConnections()), new ConcurrentHashMap<>(),
                sharedAnswerHeaders(routes, sslContext != null));
    }

    /** The answer headers (name and value) that the middlewares of every route set whatever the request. */
    private static List<PortableMiddleware.HeaderChange> sharedAnswerHeaders(List<EventLoopRoute> routes, boolean secure) {
        List<PortableMiddleware.HeaderChange> shared = null;
        for (EventLoopRoute route : routes) {
            Map<String, PortableMiddleware.HeaderChange> set = new LinkedHashMap<>();
            for (PortableMiddleware middleware : route.middlewares()) {
                for (PortableMiddleware.HeaderChange change : middleware.fixedResponseHeaders(secure)) {
                    set.put(change.name().toLowerCase(Locale.ROOT), change);
                }
            }
            if (shared == null) {
                shared = new ArrayList<>(set.values());
            } else {
                shared.retainAll(set.values());
            }
        }
        return shared == null ? List.of() : List.copyOf(shared);
    }

    /** The matching route with the highest priority, or null. */
    EventLoopRoute route(ParsedRequest request) {
        return routes.match(request);
    }

    /** A server-side TLS engine with the entrypoint's protocols and ciphers (null for plain HTTP). */
    SSLEngine newEngine() {
        if (sslContext == null) {
            return null;
        }
        SSLEngine engine = sslContext.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(sslParameters);
        return engine;
    }

    /**
     * Counts a new connection from {@code address}: false when that address holds the entrypoint's
     * {@code max-connections-per-address} already (then the connection is closed at once and not counted).
     */
    boolean admit(String address) {
        int cap = entrypoint.maxConnectionsPerAddress();
        boolean[] admitted = new boolean[1];
        connectionsByAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < cap;
            return admitted[0] ? now + 1 : count;
        });
        return admitted[0];
    }

    /** A connection closed: its slot is free for the next one, and its address holds one connection less. */
    void released(String address) {
        if (address != null) {
            connectionsByAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
        }
        connectionSlots.release();
    }
}
