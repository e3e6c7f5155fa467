package org.openvault.backend.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Ready until the backend is told to stop: then readiness turns DOWN at once while requests are still served, so
 * load balancers (the proxy's health check, Kubernetes endpoints) stop sending new ones before the listener closes;
 * and every answer closes its connection, so that kept-alive clients (the proxy, frontends through a Service, which
 * balances connections rather than requests) reconnect to another replica instead of finding theirs closed.
 */
public final class Draining implements HealthCheck {

    private volatile boolean draining;

    public void start() {
        draining = true;
    }

    /** A routing filter: while draining, the answer carries {@code Connection: close}. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (draining) {
            res.header(HeaderNames.CONNECTION, "close");
        }
        chain.proceed();
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "draining";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder()
                .status(draining ? HealthCheckResponse.Status.DOWN : HealthCheckResponse.Status.UP)
                .build();
    }
}
