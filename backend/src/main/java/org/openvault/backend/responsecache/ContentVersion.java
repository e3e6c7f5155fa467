package org.openvault.backend.responsecache;

import java.util.List;

import org.openvault.backend.database.Sql;

/** The published content's version: grows with every committed change to a tracked table (V40 migration). */
public final class ContentVersion {

    private static final String CURRENT = "SELECT version FROM content_version";

    private final Sql sql;

    public ContentVersion(Sql sql) {
        this.sql = sql;
    }

    public long current() {
        List<Long> rows = sql.query(CURRENT, List.of(), rs -> rs.getLong(1));
        if (rows.isEmpty()) {
            throw new IllegalStateException("content_version has no row: is the database migrated?");
        }
        return rows.get(0);
    }
}
