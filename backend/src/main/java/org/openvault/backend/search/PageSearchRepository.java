package org.openvault.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.openvault.backend.database.DatabaseUnavailableException;

/** Searches {@code search_document} (live exhibits and collections): facets, sorted hits with highlights. */
public final class PageSearchRepository {

    public static final String EXHIBIT = "exhibits.ExhibitPage";
    public static final String COLLECTION = "ov_collections.Collection";

    /** What to search for; {@code types} empty = every type. */
    public record Search(String query, Set<String> types, boolean featuredOnly, SearchSort sort, int page, int perPage) {
    }

    public record Hit(int id, String type, String slug, String title, String titleHtml, String snippetHtml,
                      boolean featured, Integer heroImageId, OffsetDateTime lastPublishedAt) {
    }

    /** {@code typeCounts} ignore the type filter, {@code featuredCount} ignores the featured filter (disjunctive facets). */
    public record Result(long total, Map<String, Long> typeCounts, long featuredCount, List<Hit> hits) {
    }

    private static final String RANK = """
            ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document, to_tsquery('english', ?), 33)
              + CASE WHEN d.title_vector @@ to_tsquery('english', ?) THEN 1.0 ELSE 0 END
              + CASE WHEN d.title_vector @@ to_tsquery('english', ?) THEN 0.5 ELSE 0 END""";

    private final DataSource dataSource;

    public PageSearchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result search(Search search) {
        try (Connection connection = connection()) {
            connection.setReadOnly(true);
            CompiledQuery query = CompiledQuery.compile(connection, search.query());
            Map<String, Long> typeCounts = new LinkedHashMap<>();
            typeCounts.put(EXHIBIT, 0L);
            typeCounts.put(COLLECTION, 0L);
            long featured = 0;
            long total = 0;
            SqlText facets = new SqlText("SELECT type, featured, count(*) FROM search_document d WHERE ");
            match(facets, query);
            facets.append(" GROUP BY type, featured");
            try (PreparedStatement st = facets.prepare(connection); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    boolean isFeatured = rs.getBoolean(2);
                    long count = rs.getLong(3);
                    boolean typeSelected = search.types().isEmpty() || search.types().contains(type);
                    if (!search.featuredOnly() || isFeatured) {
                        typeCounts.merge(type, count, Long::sum);
                    }
                    if (typeSelected && isFeatured) {
                        featured += count;
                    }
                    if (typeSelected && (!search.featuredOnly() || isFeatured)) {
                        total += count;
                    }
                }
            }
            long offset = (long) (search.page() - 1) * search.perPage();
            List<Hit> hits = total > offset ? hits(connection, query, search, offset) : List.of();
            return new Result(total, typeCounts, featured, hits);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<Hit> hits(Connection connection, CompiledQuery query, Search search, long offset) throws SQLException {
        boolean text = query.kind() == CompiledQuery.Kind.TEXT;
        SqlText sql = new SqlText("SELECT page_id, type, slug, title, featured, hero_image_id, last_published_at, ");
        if (text) {
            sql.append("ts_headline('english', search_headline_source(title), to_tsquery('english', ?), ?), ",
                    query.ts().ranking(), Highlight.TITLE_OPTIONS);
            sql.append("ts_headline('english', search_headline_source(body_text), to_tsquery('english', ?), ?) ",
                    query.ts().ranking(), Highlight.SNIPPET_OPTIONS);
        } else {
            sql.append("NULL, left(body_text, 2000) ");
        }
        sql.append("FROM (SELECT d.page_id, d.type, d.slug, d.title, d.featured, d.hero_image_id, d.last_published_at, "
                + "d.body_text, ");
        if (text) {
            sql.append(RANK, query.ts().ranking(), query.ts().ranking(), query.ts().exact());
        } else {
            sql.append("0");
        }
        sql.append(" AS rank FROM search_document d WHERE ");
        match(sql, query);
        if (!search.types().isEmpty()) {
            sql.append(" AND d.type = ANY (?)", (Object) search.types().toArray(String[]::new));
        }
        if (search.featuredOnly()) {
            sql.append(" AND d.featured");
        }
        sql.append(" ORDER BY " + search.sort().orderBy() + " LIMIT ? OFFSET ?", search.perPage(), offset);
        sql.append(") h ORDER BY " + search.sort().orderBy());
        List<Hit> hits = new ArrayList<>();
        try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String title = rs.getString(4);
                hits.add(new Hit(rs.getInt(1), rs.getString(2), rs.getString(3), title,
                        text ? Highlight.html(rs.getString(8)) : Highlight.html(title),
                        text ? Highlight.html(rs.getString(9)) : Highlight.opening(rs.getString(9)),
                        rs.getBoolean(5), (Integer) rs.getObject(6), rs.getObject(7, OffsetDateTime.class)));
            }
        }
        return hits;
    }

    /** Appends the WHERE condition of a compiled query on {@code search_document d}. */
    static void match(SqlText sql, CompiledQuery query) {
        switch (query.kind()) {
            case ALL -> sql.append("TRUE");
            case NONE -> sql.append("FALSE");
            case TEXT -> sql.append("d.document @@ to_tsquery('english', ?)", query.ts().match());
            case TITLE -> sql.append("lower(d.title) LIKE ?", query.titleLike());
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    static RuntimeException failure(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return new DatabaseUnavailableException(e);
        }
        return new IllegalStateException("Search failed: " + e.getMessage(), e);
    }
}
