package org.openvault.backend.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.api.Column;
import org.openvault.backend.database.RowMapper;
import org.openvault.backend.database.Sql;

/**
 * Reads live pages of any type: the common page columns plus the type's own, filtered, ordered and sliced.
 * All SQL fragments come from our code; request values only ever travel as parameters.
 */
public final class PageRepository {

    /**
     * The site root: Home, id 3, the id Wagtail's first migrations give it, so databases copied from a Wagtail site
     * keep their tree. Public pages are Home and its descendants.
     */
    public static final int SITE_ROOT_ID = 3;

    /** A timestamptz column as the API writes it: ISO-8601 in UTC with microseconds and Z. */
    public static final String TS = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static final String COMMON_COLUMNS = "p.id, p.type, p.slug, p.title, p.url_path, p.show_in_menus, "
            + "p.seo_title, p.search_description, "
            + TS.formatted("p.first_published_at") + " AS first_published_at, "
            + TS.formatted("p.last_published_at") + " AS last_published_at, "
            + "site.url_path AS site_root_path, "
            + "par.id AS parent_id, par.type AS parent_type, par.title AS parent_title, par.url_path AS parent_url_path, "
            + "(par.live AND starts_with(par.url_path, site.url_path)) AS parent_visible, "
            + "al.id AS alias_id, al.type AS alias_type, al.title AS alias_title, al.url_path AS alias_url_path, "
            + "(al.live AND starts_with(al.url_path, site.url_path)) AS alias_visible";

    private static final String COMMON_FROM = " FROM page p"
            + " CROSS JOIN (SELECT url_path FROM page WHERE id = " + SITE_ROOT_ID + ") site"
            + " LEFT JOIN page par ON par.id = p.parent_id"
            + " LEFT JOIN page al ON al.id = p.alias_of_id";

    /** The database fields every page type can be filtered and ordered by. */
    public static final Map<String, Column> COMMON_FIELDS = commonFields();

    private final Sql sql;

    public PageRepository(Sql sql) {
        this.sql = sql;
    }

    private static Map<String, Column> commonFields() {
        Map<String, Column> fields = new LinkedHashMap<>();
        fields.put("id", Column.integer("p.id"));
        fields.put("title", Column.text("p.title"));
        fields.put("slug", Column.text("p.slug"));
        fields.put("show_in_menus", Column.bool("p.show_in_menus"));
        fields.put("seo_title", Column.text("p.seo_title"));
        fields.put("search_description", Column.text("p.search_description"));
        fields.put("first_published_at", Column.timestamp("p.first_published_at"));
        fields.put("alias_of", Column.integer("p.alias_of_id"));
        return Map.copyOf(fields);
    }

    /** What to fetch: conditions with their parameters, order, slice. */
    public static final class Criteria {

        private final List<String> where = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();
        private String orderBy = "p.id";
        private final List<Object> orderParams = new ArrayList<>();
        private int limit = Integer.MAX_VALUE;
        private int offset;
        private boolean countTotal = true;
        private Long knownTotal;

        /** A lookup of one page: no total count is needed. */
        public Criteria single() {
            this.countTotal = false;
            return slice(0, 1);
        }

        public Criteria where(String condition, Object... parameters) {
            where.add(condition);
            params.addAll(List.of(parameters));
            return this;
        }

        public Criteria where(Column.Condition condition) {
            where.add(condition.sql());
            if (condition.parameter() != null) {
                params.add(condition.parameter());
            }
            return this;
        }

        public Criteria orderBy(String orderBy, Object... parameters) {
            this.orderBy = orderBy;
            orderParams.clear();
            orderParams.addAll(List.of(parameters));
            return this;
        }

        /** How many conditions select the pages so far. */
        public int conditions() {
            return where.size();
        }

        /** An independent copy, to run a variant of the same selection. */
        public Criteria copy() {
            Criteria copy = new Criteria();
            copy.where.addAll(where);
            copy.params.addAll(params);
            copy.orderBy = orderBy;
            copy.orderParams.addAll(orderParams);
            copy.limit = limit;
            copy.offset = offset;
            copy.countTotal = countTotal;
            copy.knownTotal = knownTotal;
            return copy;
        }

        /** The total is already known (counted with {@link #count}): the listing query need not count. */
        public Criteria total(long total) {
            this.countTotal = false;
            this.knownTotal = total;
            return this;
        }

        public Criteria slice(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        /** Only Home and its descendants (the current site). */
        public Criteria inSite() {
            return where("starts_with(p.url_path, site.url_path)");
        }

        public Criteria ofType(String type) {
            return where("p.type = ?", type);
        }
    }

    /** One slice of a listing and the count before slicing. */
    public record Found<R>(long totalCount, List<R> items) {
    }

    /**
     * How many pages the criteria select, and how many of those also meet {@code condition} (with its
     * {@code params}), in one pass.
     */
    public long[] count(PageKind<?> kind, Criteria criteria, String condition, Object... params) {
        List<Object> all = new ArrayList<>(List.of(params));
        all.addAll(criteria.params);
        return twoCounts("SELECT count(*), count(*) FILTER (WHERE " + condition + ")" + from(kind, criteria),
                all.toArray());
    }

    /** The two counts a query of {@code SELECT count, count} answers. */
    public long[] twoCounts(String query, Object... params) {
        return sql.one(query, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, params).orElseThrow();
    }

    private static String from(PageKind<?> kind, Criteria criteria) {
        StringBuilder where = new StringBuilder(" WHERE p.live");
        for (String condition : criteria.where) {
            where.append(" AND (").append(condition).append(')');
        }
        return COMMON_FROM + " " + kind.joins() + where;
    }

    public <R extends PageContent> Found<R> find(PageKind<R> kind, Criteria criteria, boolean detail) {
        return select(kind, criteria, COMMON_COLUMNS + kind.columns(detail), rs -> kind.read(readPage(rs), rs, detail));
    }

    /** The ids of the pages the criteria select, in their order, and the count before slicing; no page is read. */
    public Found<Integer> ids(PageKind<?> kind, Criteria criteria) {
        return select(kind, criteria, "p.id", rs -> rs.getInt("id"));
    }

    private <T> Found<T> select(PageKind<?> kind, Criteria criteria, String columns, RowMapper<T> mapper) {
        String from = from(kind, criteria);
        String totalColumn = criteria.countTotal ? ", count(*) OVER () AS total_count" : ", 1 AS total_count";
        String query = "SELECT " + columns + totalColumn + from + " ORDER BY " + criteria.orderBy + " LIMIT ? OFFSET ?";
        List<Object> params = new ArrayList<>(criteria.params);
        params.addAll(criteria.orderParams);
        params.add(criteria.limit);
        params.add(criteria.offset);
        long[] total = {0};
        List<T> items = sql.list(query, rs -> {
            total[0] = rs.getLong("total_count");
            return mapper.map(rs);
        }, params.toArray());
        if (criteria.knownTotal != null) {
            total[0] = criteria.knownTotal;
        } else if (items.isEmpty() && (criteria.offset > 0 || criteria.limit == 0)) {
            total[0] = sql.one("SELECT count(*)" + from, rs -> rs.getLong(1), criteria.params.toArray()).orElseThrow();
        }
        return new Found<>(total[0], items);
    }

    /** The type of a live page of the site, if there is one with that id. */
    public Optional<String> liveTypeInSite(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return sql.one("SELECT p.type" + COMMON_FROM + " WHERE p.live AND p.id = ? AND starts_with(p.url_path, site.url_path)",
                rs -> rs.getString(1), (int) id);
    }

    /** The url_path of a live page of the site, for tree filters. */
    public Optional<String> liveUrlPathInSite(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return sql.one("SELECT p.url_path" + COMMON_FROM + " WHERE p.live AND p.id = ? AND starts_with(p.url_path, site.url_path)",
                rs -> rs.getString(1), (int) id);
    }

    /** The live page at a public path ({@code /my-exhibit/}) of the site, for {@code find/?html_path=}. */
    public Optional<Integer> liveIdAtSitePath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!relative.isEmpty() && !relative.endsWith("/")) {
            relative = relative + "/";
        }
        return sql.one("SELECT p.id" + COMMON_FROM + " WHERE p.live AND p.url_path = site.url_path || ?",
                rs -> rs.getInt(1), relative);
    }

    /** Type names that exist in the page table. */
    public List<String> knownTypes() {
        return sql.list("SELECT DISTINCT type FROM page", rs -> rs.getString(1));
    }

    private static PageRow readPage(ResultSet rs) throws SQLException {
        String siteRoot = rs.getString("site_root_path");
        return new PageRow(
                rs.getInt("id"),
                rs.getString("type"),
                rs.getString("slug"),
                rs.getString("title"),
                rs.getString("url_path"),
                siteRoot,
                rs.getBoolean("show_in_menus"),
                rs.getString("seo_title"),
                rs.getString("search_description"),
                rs.getString("first_published_at"),
                rs.getString("last_published_at"),
                ref(rs, "parent", siteRoot),
                ref(rs, "alias", siteRoot));
    }

    private static PageRef ref(ResultSet rs, String prefix, String siteRoot) throws SQLException {
        Integer id = Sql.nullableInt(rs, prefix + "_id");
        if (id == null || !rs.getBoolean(prefix + "_visible")) {
            return null;
        }
        return new PageRef(id, rs.getString(prefix + "_type"), rs.getString(prefix + "_title"),
                rs.getString(prefix + "_url_path"), siteRoot);
    }
}
