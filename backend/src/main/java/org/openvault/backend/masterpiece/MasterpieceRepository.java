package org.openvault.backend.masterpiece;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.database.Sql;

/** Reads the Masterpiece collection: seasons with their miniseries in broadcast order, or one miniseries by key. */
public final class MasterpieceRepository {

    private static final String MINISERIES_COLUMNS = "m.key, m.season_number, m.title, m.description,"
            + " to_char(m.broadcast_date, 'YYYY-MM-DD') AS broadcast_date";
    private static final String SEASONS = "SELECT s.number, s.years, " + MINISERIES_COLUMNS
            + " FROM masterpiece_season s LEFT JOIN masterpiece_miniseries m ON m.season_number = s.number"
            + " ORDER BY s.number, m.sort_order, m.broadcast_date NULLS LAST, m.key";
    private static final String ONE = "SELECT " + MINISERIES_COLUMNS + " FROM masterpiece_miniseries m WHERE m.key = ?";

    private final Sql sql;

    public MasterpieceRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Season> seasons() {
        Map<Integer, String> years = new LinkedHashMap<>();
        Map<Integer, List<Miniseries>> miniseries = new LinkedHashMap<>();
        sql.list(SEASONS, rs -> {
            int number = rs.getInt("number");
            years.put(number, rs.getString("years"));
            List<Miniseries> ofSeason = miniseries.computeIfAbsent(number, n -> new ArrayList<>());
            if (rs.getString("key") != null) {
                ofSeason.add(miniseries(rs));
            }
            return number;
        });
        List<Season> seasons = new ArrayList<>();
        years.forEach((number, label) -> seasons.add(new Season(number, label, List.copyOf(miniseries.get(number)))));
        return seasons;
    }

    public Optional<Miniseries> miniseries(String key) {
        return sql.one(ONE, MasterpieceRepository::miniseries, key);
    }

    private static Miniseries miniseries(ResultSet rs) throws SQLException {
        return new Miniseries(rs.getString("key"), rs.getInt("season_number"), rs.getString("title"),
                rs.getString("description"), rs.getString("broadcast_date"));
    }
}
