package org.openvault.backend.database;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** Statements on the one connection of a transaction ({@link Sql#inTransaction}); usable only until it ends. */
public final class Transaction implements Statements {

    private final Connection connection;
    private boolean ended;

    Transaction(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return Jdbc.list(connection(), sql, mapper, params);
    }

    @Override
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return Jdbc.one(connection(), sql, mapper, params);
    }

    @Override
    public long update(String sql, Object... params) {
        return Jdbc.update(connection(), sql, params);
    }

    void end() {
        ended = true;
    }

    // After the end the connection is back in the pool, maybe in someone else's transaction.
    private Connection connection() {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
        return connection;
    }
}
