package org.openvault.backend.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;

/**
 * The backend's PostgreSQL: a HikariCP pool and the {@link Sql} that runs statements on it. The pool starts even
 * when the database is down, so the service comes up and readiness reports the outage.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Sql sql;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /**
     * A connection outside the pool, for a session that lives as long as the connection (e.g. LISTEN), with the
     * pool's settings; the caller closes it.
     */
    public Connection dedicatedConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        properties.setProperty("user", dataSource.getUsername());
        properties.setProperty("password", dataSource.getPassword() == null ? "" : dataSource.getPassword());
        properties.setProperty("ApplicationName", "openvault-backend");
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    public static Database connect(Config db) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(db.get("url").asString().get());
        hikari.setUsername(db.get("user").asString().orElse("postgres"));
        hikari.setPassword(db.get("password").asString().orElse(""));
        hikari.setMaximumPoolSize(db.get("pool.size").asInt().orElse(10));
        hikari.setConnectionTimeout(Duration.ofSeconds(db.get("connect-timeout-seconds").asInt().orElse(3)).toMillis());
        hikari.setInitializationFailTimeout(-1);
        hikari.setPoolName("openvault");
        // The API runs a handful of fixed queries: plan them once per connection instead of on every request.
        hikari.addDataSourceProperty("prepareThreshold", "1");
        hikari.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
        // A slow statement or a lock held elsewhere ends with SQLSTATE 57014 (503) instead of holding a pooled
        // connection; a connection dropped without a FIN or RST fails after the socket timeout instead of the
        // kernel's ~15 minutes of retransmissions.
        hikari.addDataSourceProperty("options",
                "-c statement_timeout=" + db.get("statement-timeout-millis").asInt().orElse(5000));
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(db.get("socket-timeout-seconds").asInt().orElse(30)));
        return new Database(new HikariDataSource(hikari));
    }

    public Sql sql() {
        return sql;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
