package org.openvault.backend.pages;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Reads live pages. */
public final class PageRepository {

    private static final String LIVE_PAGES = """
            SELECT id, type, slug, title FROM page
            WHERE live AND (CAST(:slug AS text) IS NULL OR slug = :slug)
            ORDER BY id
            """;

    private final DbClient db;

    public PageRepository(DbClient db) {
        this.db = db;
    }

    public List<PageSummary> livePages(Optional<String> slug) {
        return db.execute()
                .createQuery(LIVE_PAGES)
                .addParam("slug", slug.orElse(null))
                .execute()
                .map(PageRepository::summary)
                .toList();
    }

    private static PageSummary summary(DbRow row) {
        return new PageSummary(
                row.column("id").get(Integer.class),
                row.column("type").get(String.class),
                row.column("slug").get(String.class),
                row.column("title").get(String.class));
    }
}
