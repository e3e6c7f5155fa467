package org.openvault.backend.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.openvault.backend.database.DatabaseUnavailableException;
import org.openvault.backend.database.Sql;

/** Ready only while PostgreSQL answers; liveness does not depend on it, so Kubernetes does not restart us for a DB outage. */
public final class DatabaseReadiness implements HealthCheck {

    private final Sql sql;

    public DatabaseReadiness(Sql sql) {
        this.sql = sql;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.builder()
                    .status(sql.answers(2) ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN)
                    .build();
        } catch (DatabaseUnavailableException e) {
            return HealthCheckResponse.builder()
                    .status(HealthCheckResponse.Status.DOWN)
                    .detail("error", e.getCause().getMessage())
                    .build();
        }
    }
}
