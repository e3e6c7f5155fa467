package org.openvault.backend.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Ready only while PostgreSQL answers; liveness does not depend on it, so Kubernetes does not restart us for a DB outage. */
public final class DatabaseReadiness implements HealthCheck {

    private final DataSource dataSource;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.builder()
                    .status(valid ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN)
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder()
                    .status(HealthCheckResponse.Status.DOWN)
                    .detail("error", e.getMessage())
                    .build();
        }
    }
}
