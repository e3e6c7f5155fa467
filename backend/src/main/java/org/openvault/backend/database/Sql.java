package org.openvault.backend.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The backend's one way to PostgreSQL: plain JDBC on the pool. Each statement of {@link Statements} runs on a pooled
 * connection of its own (auto-commit); {@link #inTransaction} runs several on one connection as one transaction.
 * No connection from the pool becomes {@link DatabaseUnavailableException} (503), a failed statement
 * {@link DatabaseException} (503 when the database is having a bad moment, 409 for a broken constraint, else 500).
 * <p>
 * Plain JDBC rather than Helidon's DbClient because of what {@code bench/db-access.sh} measured with the same
 * statements through both on one pool (2 shared cores, local PostgreSQL): a get by id took 32.5 µs with JDBC and
 * 41.0 µs with DbClient single-threaded; a listing of 20 rows 51 µs against 149.5 µs single-threaded and 75 µs
 * against 209 µs with 4 threads. DbClient costs about 3 times as much on multi-row reads, which the public API makes
 * on every listing.
 */
public final class Sql implements Statements {

    private final DataSource dataSource;
    private final List<Runnable> afterCommit = new CopyOnWriteArrayList<>();

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code hook} after every write this backend commits: an {@link #update} that changed rows (one that
     * changed none, such as a session's at-most-once-a-minute touch on every admin request, is not a write) and every
     * {@link #inTransaction}. A hook that fails is logged and does not undo or fail the write.
     */
    public void afterEachCommit(Runnable hook) {
        afterCommit.add(hook);
    }

    private void committed() {
        for (Runnable hook : afterCommit) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                Logger.getLogger(Sql.class.getName()).log(Level.WARNING, "After-commit hook failed", e);
            }
        }
    }

    @Override
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = connection()) {
            return Jdbc.list(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = connection()) {
            return Jdbc.one(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public long update(String sql, Object... params) {
        long changed;
        try (Connection connection = connection()) {
            changed = Jdbc.update(connection, sql, params);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        if (changed > 0) {
            committed();
        }
        return changed;
    }

    /**
     * Runs {@code work} in one transaction on one connection and commits when it returns; when it throws, or the
     * commit fails, nothing of it is stored and the failure goes on to the caller (a failed commit as
     * {@link DatabaseException}, so no client is told that a write it asked for was done). The after-commit hooks run
     * once the connection is back in the pool: a hook that reads through this pool while every connection is held by
     * a committing transaction would otherwise wait for a connection none of them gives back.
     */
    public <T> T inTransaction(Function<Transaction, T> work) {
        T result = transaction(work, false);
        committed();
        return result;
    }

    /**
     * Runs {@code work}, which writes nothing, in one read-only transaction (one snapshot, and room for
     * {@code SET LOCAL}): like {@link #inTransaction} without the after-commit hooks, which are for writes.
     */
    public <T> T inReadOnlyTransaction(Function<Transaction, T> work) {
        return transaction(work, true);
    }

    private <T> T transaction(Function<Transaction, T> work, boolean readOnly) {
        Connection connection = connection();
        Transaction tx = new Transaction(connection);
        boolean ended = false;
        try {
            connection.setAutoCommit(false);
            if (readOnly) {
                connection.setReadOnly(true);
            }
            T result = work.apply(tx);
            connection.commit();
            ended = true;
            return result;
        } catch (SQLException e) {
            ended = rollBack(connection, e);
            throw new DatabaseException(e);
        } catch (RuntimeException | Error e) {
            ended = rollBack(connection, e);
            throw e;
        } finally {
            tx.end();
            release(connection, ended, readOnly);
        }
    }

    /** Whether the database answers within {@code timeoutSeconds}; no connection from the pool throws. */
    public boolean answers(int timeoutSeconds) {
        try (Connection connection = connection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /** An integer column that may be NULL. */
    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** A bigint column that may be NULL. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Answers whether the transaction ended; a rollback that fails too is noted on the failure that caused it. */
    private static boolean rollBack(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    // Auto-commit comes back only after a commit or rollback: switching it on inside a transaction would commit it.
    private static void release(Connection connection, boolean ended, boolean readOnly) {
        try {
            if (ended) {
                connection.setAutoCommit(true);
                if (readOnly) {
                    connection.setReadOnly(false);
                }
            }
        } catch (SQLException e) {
            // The connection is broken: the pool drops it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The connection is broken: the pool drops it.
        }
    }
}
