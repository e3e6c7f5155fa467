package org.openvault.backend.staticpages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.openvault.backend.database.Sql;
import org.openvault.backend.pages.PageRepository;

/** Reads live static pages; their site path is their tree path below Home ('/home/credits/x/' -> '/credits/x'). */
public final class StaticPageRepository {

    private static final String COLUMNS = """
            SELECT p.id, '/' || trim(both '/' from substr(p.url_path, length('/home/') + 1)) AS path, p.slug, p.title,
                   s.subtitle, p.search_description, s.body,
                   %s AS last_published_at
            FROM page p JOIN static_page s ON s.page_id = p.id
            WHERE p.live AND p.url_path LIKE '/home/_%%'
            """.formatted(PageRepository.TS.formatted("p.last_published_at"));
    private static final String BY_PATH = COLUMNS + " AND p.url_path = '/home' || ? || '/'";
    private static final String ALL = COLUMNS + " ORDER BY p.url_path";

    private final Sql sql;

    public StaticPageRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<StaticPage> byPath(String path) {
        return sql.one(BY_PATH, StaticPageRepository::page, path);
    }

    public List<StaticPage> all() {
        return sql.list(ALL, StaticPageRepository::page);
    }

    private static StaticPage page(ResultSet rs) throws SQLException {
        return new StaticPage(rs.getInt("id"), rs.getString("path"), rs.getString("slug"), rs.getString("title"),
                rs.getString("subtitle"), rs.getString("search_description"), rs.getString("body"),
                rs.getString("last_published_at"));
    }
}
