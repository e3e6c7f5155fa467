package org.openvault.backend.series;

import java.util.List;

import org.openvault.backend.database.Sql;
import org.openvault.backend.search.CompiledQuery;
import org.openvault.backend.search.Highlight;
import org.openvault.backend.search.SqlText;

/** Searches the GBH series titles ({@code gbh_series}) with the same query syntax as the pages. */
public final class SeriesRepository {

    public enum Sort {
        RELEVANCE("relevance", "rank DESC, lower(title) ASC, id ASC"),
        TITLE_ASC("az", "lower(title) ASC, id ASC"),
        TITLE_DESC("za", "lower(title) DESC, id DESC");

        private final String parameter;
        private final String orderBy;

        Sort(String parameter, String orderBy) {
            this.parameter = parameter;
            this.orderBy = orderBy;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** {@code perPage} 0 = all of them. */
    public record Search(String query, Sort sort, int page, int perPage) {
    }

    public record Series(int id, String title, String titleHtml) {
    }

    public record Result(long total, List<Series> series) {
    }

    private final Sql sql;

    public SeriesRepository(Sql sql) {
        this.sql = sql;
    }

    public Result search(Search search) {
        CompiledQuery query = CompiledQuery.compile(sql, search.query());
        SqlText count = new SqlText("SELECT count(*) FROM gbh_series d WHERE ");
        query.appendMatch(count);
        long total = sql.one(count.toString(), rs -> rs.getLong(1), count.params()).orElseThrow();
        boolean text = query.kind() == CompiledQuery.Kind.TEXT;
        SqlText select = new SqlText("SELECT id, title, ");
        if (text) {
            select.append("ts_headline('english', search_headline_source(title), " + CompiledQuery.TSQUERY + ", ?), ",
                    query.ts().ranking(), Highlight.TITLE_OPTIONS);
            select.append("ts_rank_cd(d.document, " + CompiledQuery.TSQUERY + ", 1)"
                            + " + CASE WHEN d.document @@ " + CompiledQuery.TSQUERY + " THEN 0.5 ELSE 0 END AS rank",
                    query.ts().ranking(), query.ts().exact());
        } else {
            select.append("NULL, 0 AS rank");
        }
        select.append(" FROM gbh_series d WHERE ");
        query.appendMatch(select);
        select.append(" ORDER BY " + search.sort().orderBy);
        if (search.perPage() > 0) {
            select.append(" LIMIT ? OFFSET ?", search.perPage(), (long) (search.page() - 1) * search.perPage());
        }
        List<Series> series = sql.list(select.toString(), rs -> {
            String title = rs.getString(2);
            return new Series(rs.getInt(1), title, Highlight.html(text ? rs.getString(3) : title));
        }, select.params());
        return new Result(total, series);
    }
}
