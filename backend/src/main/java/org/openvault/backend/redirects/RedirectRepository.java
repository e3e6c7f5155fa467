package org.openvault.backend.redirects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.openvault.backend.database.Sql;

/** Reads the redirects table: old site paths and where each lives (kept as data editors can extend). */
public final class RedirectRepository {

    /** The entry for the path itself or, failing that, for the nearest parent path (whole segments only). */
    private static final String FOR_PATH = """
            SELECT old_path, target, permanent FROM redirect
            WHERE old_path = ? OR ? LIKE replace(replace(old_path, '%', '\\%'), '_', '\\_') || '/%'
            ORDER BY length(old_path) DESC
            LIMIT 1
            """;
    private static final String ALL = "SELECT old_path, target, permanent FROM redirect ORDER BY old_path";

    private final Sql sql;

    public RedirectRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<Redirect> forPath(String path) {
        return sql.one(FOR_PATH, RedirectRepository::redirect, path, path);
    }

    public List<Redirect> all() {
        return sql.list(ALL, RedirectRepository::redirect);
    }

    private static Redirect redirect(ResultSet rs) throws SQLException {
        return new Redirect(rs.getString("old_path"), rs.getString("target"), rs.getBoolean("permanent"));
    }
}
