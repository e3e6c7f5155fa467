package org.openvault.backend.masterpiece;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Statements;

/**
 * The SQL of editing the Masterpiece collection: seasons with their miniseries counts, miniseries listed, searched and
 * locked for a write, inserts, updates and deletes. Both tables advance content_version (V41), so a committed change
 * is in the public API's next answer.
 */
public final class MasterpieceEdits {

    private static final String MINISERIES = "SELECT m.key, m.season_number, m.title, m.description,"
            + " to_char(m.broadcast_date, 'YYYY-MM-DD') AS broadcast_date, m.sort_order FROM masterpiece_miniseries m";
    /** The public API's order (MasterpieceRepository): by season, then the season's own order. */
    private static final String ORDER = " ORDER BY m.season_number, m.sort_order, m.broadcast_date NULLS LAST, m.key";

    /** A season with the number of its miniseries. */
    public record EditedSeason(int number, String years, int miniseriesCount) {

        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("number", number);
            json.put("years", years);
            json.put("miniseries_count", miniseriesCount);
            return json;
        }
    }

    /** A miniseries as editors see it: every column; description and broadcast date (YYYY-MM-DD) may be null. */
    public record EditedMiniseries(String key, int seasonNumber, String title, String description,
                                   String broadcastDate, int sortOrder) {

        /**
         * The entity tag a writer sends back in {@code If-Match}: a hash of every column as stored. The tables have
         * no {@code updated_at}; the hash changes with any change to the row, whoever makes it (the admin API, a
         * migration, an operator's SQL), and comes back only when the row is again exactly as it was.
         */
        public String etag() {
            byte[] values = ApiJson.bytes(Arrays.asList(key, seasonNumber, title, description, broadcastDate,
                    sortOrder));
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(values);
                return "\"m-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("key", key);
            json.put("season_number", seasonNumber);
            json.put("title", title);
            json.put("description", description);
            json.put("broadcast_date", broadcastDate);
            json.put("sort_order", sortOrder);
            json.put("etag", etag());
            return json;
        }
    }

    /** Every season by number, with how many miniseries it has. */
    public List<EditedSeason> seasons(Statements db) {
        return db.list("SELECT s.number, s.years, count(m.key) AS miniseries_count FROM masterpiece_season s"
                + " LEFT JOIN masterpiece_miniseries m ON m.season_number = s.number"
                + " GROUP BY s.number, s.years ORDER BY s.number", MasterpieceEdits::season);
    }

    public Optional<EditedSeason> season(Statements db, int number) {
        return db.one("SELECT s.number, s.years, (SELECT count(*) FROM masterpiece_miniseries m"
                + " WHERE m.season_number = s.number) AS miniseries_count FROM masterpiece_season s"
                + " WHERE s.number = ?", MasterpieceEdits::season, number);
    }

    /**
     * The season's years, its row locked until the transaction ends: {@code forDelete} as a delete does (new
     * miniseries of the season wait for it, their foreign key check needs the row), otherwise so that miniseries
     * may still be added meanwhile. Empty when there is no such season.
     */
    public Optional<String> lockSeason(Statements db, int number, boolean forDelete) {
        return db.one("SELECT years FROM masterpiece_season WHERE number = ? "
                + (forDelete ? "FOR UPDATE" : "FOR NO KEY UPDATE"), rs -> rs.getString("years"), number);
    }

    /** Creates the season or sets its years; answers whether it was created. */
    public boolean putSeason(Statements db, int number, String years) {
        return db.one("INSERT INTO masterpiece_season (number, years) VALUES (?, ?)"
                + " ON CONFLICT (number) DO UPDATE SET years = EXCLUDED.years RETURNING (xmax = 0) AS created",
                rs -> rs.getBoolean("created"), number, years).orElseThrow();
    }

    public long miniseriesOfSeason(Statements db, int number) {
        return db.one("SELECT count(*) AS n FROM masterpiece_miniseries WHERE season_number = ?",
                rs -> rs.getLong("n"), number).orElseThrow();
    }

    public void deleteSeason(Statements db, int number) {
        db.update("DELETE FROM masterpiece_season WHERE number = ?", number);
    }

    /**
     * Whether the season exists; its row is share-locked so that it cannot be deleted before the miniseries that
     * names it is written (a delete of the season waits, then sees the miniseries).
     */
    public boolean seasonExists(Statements db, int number) {
        return db.one("SELECT 1 FROM masterpiece_season WHERE number = ? FOR KEY SHARE", rs -> true, number)
                .isPresent();
    }

    /** Miniseries in the public order, optionally of one season and with {@code search} in the title (any case). */
    public List<EditedMiniseries> list(Statements db, Integer season, String search, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (season != null) {
            conditions.add("m.season_number = ?");
            params.add(season);
        }
        if (search != null && !search.isBlank()) {
            conditions.add("lower(m.title) LIKE ?");
            params.add("%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        params.add(limit);
        params.add(offset);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return db.list(MINISERIES + where + ORDER + " LIMIT ? OFFSET ?", MasterpieceEdits::miniseries,
                params.toArray());
    }

    public Optional<EditedMiniseries> find(Statements db, String key) {
        return db.one(MINISERIES + " WHERE m.key = ?", MasterpieceEdits::miniseries, key);
    }

    /** The miniseries, its row locked until the transaction ends. */
    public Optional<EditedMiniseries> lock(Statements db, String key) {
        return db.one(MINISERIES + " WHERE m.key = ? FOR UPDATE", MasterpieceEdits::miniseries, key);
    }

    /** The position after the last miniseries of the season (1 for an empty season). */
    public int nextSortOrder(Statements db, int season) {
        return db.one("SELECT coalesce(max(sort_order), 0) + 1 AS next FROM masterpiece_miniseries"
                + " WHERE season_number = ?", rs -> rs.getInt("next"), season).orElseThrow();
    }

    /** Inserts the miniseries; false (nothing written) when the key is taken. */
    public boolean insert(Statements db, EditedMiniseries m) {
        return db.one("INSERT INTO masterpiece_miniseries (key, season_number, title, description, broadcast_date,"
                + " sort_order) VALUES (?, ?, ?, ?, CAST(? AS date), ?) ON CONFLICT (key) DO NOTHING RETURNING key",
                rs -> true, m.key(), m.seasonNumber(), m.title(), m.description(), m.broadcastDate(), m.sortOrder())
                .isPresent();
    }

    public void update(Statements db, EditedMiniseries m) {
        db.update("UPDATE masterpiece_miniseries SET season_number = ?, title = ?, description = ?,"
                + " broadcast_date = CAST(? AS date), sort_order = ? WHERE key = ?",
                m.seasonNumber(), m.title(), m.description(), m.broadcastDate(), m.sortOrder(), m.key());
    }

    public void delete(Statements db, String key) {
        db.update("DELETE FROM masterpiece_miniseries WHERE key = ?", key);
    }

    /** Who last changed the miniseries, from the audit log (null when nobody did through the admin API). */
    public String lastChangedBy(Statements db, String key) {
        return db.one("SELECT username FROM audit_log WHERE object_type = ? AND object_id = ?"
                + " ORDER BY at DESC, id DESC LIMIT 1", rs -> rs.getString("username"),
                MasterpieceAdminService.MINISERIES_SUBJECT, key).orElse(null);
    }

    private static EditedSeason season(ResultSet rs) throws SQLException {
        return new EditedSeason(rs.getInt("number"), rs.getString("years"), rs.getInt("miniseries_count"));
    }

    private static EditedMiniseries miniseries(ResultSet rs) throws SQLException {
        return new EditedMiniseries(rs.getString("key"), rs.getInt("season_number"), rs.getString("title"),
                rs.getString("description"), rs.getString("broadcast_date"), rs.getInt("sort_order"));
    }
}
