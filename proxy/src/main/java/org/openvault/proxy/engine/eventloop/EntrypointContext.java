package org.openvault.proxy.engine.eventloop;

import java.util.List;
import java.util.concurrent.Semaphore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.ProxyMetrics;
import org.openvault.proxy.routing.Routes;

/** What every connection of one event-loop entrypoint shares: its settings, routes, TLS and bookkeeping. */
record EntrypointContext(ProxyConfig.Entrypoint entrypoint, Routes<EventLoopRoute> routes, List<AddressRange> trustedProxies,
                         ProxyMetrics metrics, AccessLog accessLog, SSLContext sslContext, SSLParameters sslParameters,
                         Semaphore connectionSlots) {

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

    /** A connection closed: its slot is free for the next one. */
    void released() {
        connectionSlots.release();
    }
}
