package org.openvault.backend.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Ready until the backend is told to stop: then readiness turns DOWN at once while requests are still served, so
 * load balancers (the proxy's health check, Kubernetes endpoints) stop sending new ones before the listener closes.
 */
public final class Draining implements HealthCheck {

    private volatile boolean draining;

    public void start() {
        draining = true;
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
