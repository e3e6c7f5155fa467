package org.openvault.backend.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one statement on a given connection: the one place where parameters are bound and rows read. */
final class Jdbc {

    private Jdbc() {
    }

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object[] params) {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static <T> Optional<T> one(Connection connection, String sql, RowMapper<T> mapper, Object[] params) {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static long update(Connection connection, String sql, Object[] params) {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeLargeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else if (p instanceof Integer[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("integer", array));
                } else {
                    // OffsetDateTime binds as timestamptz, null as a NULL whose type the statement decides.
                    statement.setObject(i + 1, p);
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
