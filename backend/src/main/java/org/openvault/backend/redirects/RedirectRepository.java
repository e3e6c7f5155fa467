package org.openvault.backend.redirects;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Reads the legacy redirects table. */
public final class RedirectRepository {

    /** The entry for the path itself or, failing that, for the nearest parent path (whole segments only). */
    private static final String FOR_PATH = """
            SELECT old_path, target, permanent FROM redirect
            WHERE old_path = :path OR :path LIKE replace(replace(old_path, '%', '\\%'), '_', '\\_') || '/%'
            ORDER BY length(old_path) DESC
            LIMIT 1
            """;
    private static final String ALL = "SELECT old_path, target, permanent FROM redirect ORDER BY old_path";

    private final DbClient db;

    public RedirectRepository(DbClient db) {
        this.db = db;
    }

    public Optional<Redirect> forPath(String path) {
        return db.execute().createGet(FOR_PATH).addParam("path", path).execute().map(RedirectRepository::redirect);
    }

    public List<Redirect> all() {
        return db.execute().createQuery(ALL).execute().map(RedirectRepository::redirect).toList();
    }

    private static Redirect redirect(DbRow row) {
        return new Redirect(row.column("old_path").get(String.class), row.column("target").get(String.class),
                row.column("permanent").get(Boolean.class));
    }
}
