package org.openvault.backend.staticpages;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Reads live static pages; their site path is their tree path below Home ('/home/credits/x/' -> '/credits/x'). */
public final class StaticPageRepository {

    private static final String COLUMNS = """
            SELECT p.id, '/' || trim(both '/' from substr(p.url_path, length('/home/') + 1)) AS path, p.slug, p.title,
                   s.subtitle, p.search_description, s.body,
                   to_char(p.last_published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_published_at
            FROM page p JOIN static_page s ON s.page_id = p.id
            WHERE p.live AND p.url_path LIKE '/home/_%'
            """;
    private static final String BY_PATH = COLUMNS + " AND p.url_path = '/home' || :path || '/'";
    private static final String ALL = COLUMNS + " ORDER BY p.url_path";

    private final DbClient db;

    public StaticPageRepository(DbClient db) {
        this.db = db;
    }

    public Optional<StaticPage> byPath(String path) {
        return db.execute().createGet(BY_PATH).addParam("path", path).execute().map(StaticPageRepository::page);
    }

    public List<StaticPage> all() {
        return db.execute().createQuery(ALL).execute().map(StaticPageRepository::page).toList();
    }

    private static StaticPage page(DbRow row) {
        return new StaticPage(row.column("id").get(Integer.class), row.column("path").get(String.class),
                row.column("slug").get(String.class), row.column("title").get(String.class),
                row.column("subtitle").get(String.class), row.column("search_description").get(String.class),
                row.column("body").get(String.class),
                row.column("last_published_at").as(String.class).orElse(null));
    }
}
