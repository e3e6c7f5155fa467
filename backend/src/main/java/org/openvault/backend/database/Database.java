package org.openvault.backend.database;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;
import java.util.function.Function;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

/**
 * The backend's PostgreSQL: a HikariCP pool (Helidon 4.5 ships no pool provider) wrapped in a Helidon DbClient.
 * The pool starts even when the database is down, so the service comes up and readiness reports the outage.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DbClient client;

    private Database(HikariDataSource dataSource, DbClient client) {
        this.dataSource = dataSource;
        this.client = client;
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
        HikariDataSource dataSource = new HikariDataSource(hikari);
        DbClient client = JdbcClientBuilder.create()
                .config(db)
                .connectionPool(() -> {
                    try {
                        return dataSource.getConnection();
                    } catch (SQLException e) {
                        throw new DatabaseUnavailableException(e);
                    }
                })
                .build();
        return new Database(dataSource, client);
    }

    public DbClient client() {
        return client;
    }

    /**
     * Runs {@code work} in one transaction and commits it; if anything fails nothing of it is stored. Helidon rolls
     * back and closes the connection itself when a statement fails, so the rollback here is only for failures
     * outside statements and may find the transaction already gone.
     */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        boolean committed = false;
        try {
            T result = work.apply(tx);
            tx.commit();
            committed = true;
            return result;
        } finally {
            if (!committed) {
                try {
                    tx.rollback();
                } catch (RuntimeException alreadyRolledBack) {
                    // Helidon already ended it.
                }
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
