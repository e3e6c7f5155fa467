package org.openvault.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.openvault.backend.database.DatabaseUnavailableException;

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

    private final DataSource dataSource;

    public SeriesRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Result search(Search search) {
        try (Connection connection = connection()) {
            CompiledQuery query = CompiledQuery.compile(connection, search.query());
            SqlText count = new SqlText("SELECT count(*) FROM gbh_series d WHERE ");
            PageSearchRepository.match(count, query);
            long total;
            try (PreparedStatement st = count.prepare(connection); ResultSet rs = st.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            boolean text = query.kind() == CompiledQuery.Kind.TEXT;
            SqlText sql = new SqlText("SELECT id, title, ");
            if (text) {
                sql.append("ts_headline('english', search_headline_source(title), " + PageSearchRepository.TSQUERY + ", ?), ",
                        query.ts().ranking(), Highlight.TITLE_OPTIONS);
                sql.append("ts_rank_cd(d.document, " + PageSearchRepository.TSQUERY + ", 1)"
                                + " + CASE WHEN d.document @@ " + PageSearchRepository.TSQUERY + " THEN 0.5 ELSE 0 END AS rank",
                        query.ts().ranking(), query.ts().exact());
            } else {
                sql.append("NULL, 0 AS rank");
            }
            sql.append(" FROM gbh_series d WHERE ");
            PageSearchRepository.match(sql, query);
            sql.append(" ORDER BY " + search.sort().orderBy);
            if (search.perPage() > 0) {
                sql.append(" LIMIT ? OFFSET ?", search.perPage(), (long) (search.page() - 1) * search.perPage());
            }
            List<Series> series = new ArrayList<>();
            try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String title = rs.getString(2);
                    series.add(new Series(rs.getInt(1), title, Highlight.html(text ? rs.getString(3) : title)));
                }
            }
            return new Result(total, series);
        } catch (SQLException e) {
            throw PageSearchRepository.failure(e);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
