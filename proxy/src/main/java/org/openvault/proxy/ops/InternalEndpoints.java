package org.openvault.proxy.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.openvault.proxy.middleware.Forwarding;
import org.openvault.proxy.middleware.Middleware;

/**
 * What an internal entrypoint answers itself: {@code GET /ping} (200 {@code OK}, or 503 {@code draining} while the
 * proxy drains, so that the load balancer in front stops sending it connections) and {@code GET /metrics}
 * (Prometheus text). It runs as the only middleware of a router with {@link #RULE} and no service.
 */
public final class InternalEndpoints implements Middleware {

    public static final String RULE = "Method(`GET`, `HEAD`) && (Path(`/ping`) || Path(`/metrics`))";

    private final ProxyMetrics metrics;
    private final AtomicBoolean draining;

    public InternalEndpoints(ProxyMetrics metrics, AtomicBoolean draining) {
        this.metrics = metrics;
        this.draining = draining;
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        if (forwarding.rawPath().equals("/ping")) {
            return draining.get() ? text(503, "Service Unavailable", "text/plain", "draining")
                    : text(200, "OK", "text/plain", "OK");
        }
        return text(200, "OK", "text/plain; version=0.0.4; charset=utf-8", metrics.render());
    }

    private static Answer text(int status, String reason, String type, String body) {
        return new Answer(status, reason, List.of(), null, new Content(type, body.getBytes(StandardCharsets.UTF_8)));
    }
}
