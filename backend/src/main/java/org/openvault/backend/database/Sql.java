package org.openvault.backend.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Plain JDBC reads for the API's hot paths: one pooled connection per call, positional parameters, rows mapped
 * by the caller. No connection from the pool becomes {@link DatabaseUnavailableException} (answered 503).
 */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof OffsetDateTime t) {
                    statement.setObject(i + 1, t);
                } else if (p instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else if (p instanceof Integer[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("integer", array));
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }

    /** An integer column that may be NULL. */
    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
