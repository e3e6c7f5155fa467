package org.openvault.backend.database;

import java.util.List;
import java.util.Optional;

/**
 * Running SQL with positional parameters ({@code ?}), rows mapped by the caller. Parameters bind as JDBC's
 * {@code setObject} does (null, numbers, text, booleans, {@code byte[]}, {@code OffsetDateTime}), {@code String[]}
 * and {@code Integer[]} as PostgreSQL arrays. A failed statement throws {@link DatabaseException}; no connection from
 * the pool, {@link DatabaseUnavailableException}.
 */
public interface Statements {

    /** Every row the query answers. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... params);

    /** The first row the query answers, or empty (also when the mapper answers null). */
    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params);

    /** Runs an INSERT, UPDATE or DELETE (or a statement without rows such as SET); answers the update count. */
    long update(String sql, Object... params);
}
