package org.openvault.backend.authors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.pages.PageRepository;

/**
 * The SQL of editing authors: listing and search, rows under lock, writes, and the exhibits that list an author
 * (live through {@code exhibit_author}, or in a revision that is or may become live).
 */
public final class AuthorEdits {

    private static final String TS = PageRepository.TS;
    private static final String COLUMNS = "SELECT a.id, a.name, a.image_id, i.title AS image_title, a.bio, "
            + TS.formatted("a.created_at") + " AS created_at, " + TS.formatted("a.updated_at") + " AS updated_at,"
            + " CAST(extract(epoch FROM a.updated_at) * 1000000 AS bigint) AS version"
            + " FROM author a LEFT JOIN image i ON i.id = a.image_id";
    // The text a reader sees of a bio, near enough for search: tags out, so that "strong" finds no bold text.
    private static final String SEARCHED = "lower(a.name || ' ' || regexp_replace(a.bio, '<[^>]*>', ' ', 'g'))";

    /** An author as editors see it; {@code version} is {@code updated_at} in microseconds since the epoch. */
    public record EditedAuthor(long id, String name, Integer imageId, String imageTitle, String bio, String createdAt,
                               String updatedAt, long version) {

        /** The entity tag a writer must send back in {@code If-Match}: it changes with every update. */
        public String etag() {
            return "\"a" + id + "-" + version + "\"";
        }

        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("image_id", imageId);
            json.put("image", imageId == null ? null
                    : Map.of("id", imageId, "title", imageTitle == null ? "" : imageTitle));
            json.put("bio", bio);
            json.put("created_at", createdAt);
            json.put("updated_at", updatedAt);
            json.put("etag", etag());
            return json;
        }
    }

    /** Authors by name, optionally only those whose name or bio text contains {@code search} (any case). */
    public List<EditedAuthor> list(Statements db, String search, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (search != null && !search.isBlank()) {
            where = " WHERE " + SEARCHED + " LIKE ?";
            params.add("%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        params.add(limit);
        params.add(offset);
        return db.list(COLUMNS + where + " ORDER BY lower(a.name), a.id LIMIT ? OFFSET ?", AuthorEdits::author,
                params.toArray());
    }

    public Optional<EditedAuthor> find(Statements db, long id) {
        return db.one(COLUMNS + " WHERE a.id = ?", AuthorEdits::author, id);
    }

    /**
     * The author, its row locked until the transaction ends: {@code forDelete} as a delete does (waiting for saves of
     * exhibits that list it), otherwise as an update does (saves of exhibits go on meanwhile).
     */
    public Optional<EditedAuthor> lock(Statements db, long id, boolean forDelete) {
        return db.one(COLUMNS + " WHERE a.id = ? " + (forDelete ? "FOR UPDATE OF a" : "FOR NO KEY UPDATE OF a"),
                AuthorEdits::author, id);
    }

    public boolean imageExists(Statements db, int imageId) {
        return db.one("SELECT 1 FROM image WHERE id = ? FOR KEY SHARE", rs -> true, imageId).isPresent();
    }

    public long insert(Statements db, String name, String bio, Integer imageId) {
        return db.one("INSERT INTO author (name, bio, image_id) VALUES (?, ?, CAST(? AS integer)) RETURNING id",
                rs -> rs.getLong("id"), name, bio, imageId).orElseThrow();
    }

    /** Replaces the author's fields; {@code updated_at} always moves forward, so the entity tag always changes. */
    public void update(Statements db, long id, String name, String bio, Integer imageId) {
        db.update("UPDATE author SET name = ?, bio = ?, image_id = CAST(? AS integer),"
                + " updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond') WHERE id = ?",
                name, bio, imageId, id);
    }

    public void delete(Statements db, long id) {
        db.update("DELETE FROM author WHERE id = ?", id);
    }

    /**
     * The exhibits that list the author, by page id: in their live tables ({@code exhibit_author}) or in their
     * latest, live or scheduled revision. Each as {@code {"id", "title" (the draft's), "live"}}.
     */
    public List<Map<String, Object>> usedBy(Statements db, long authorId) {
        return db.list("SELECT p.id, coalesce(nullif(p.draft_title, ''), p.title) AS title, p.live"
                + " FROM page p WHERE p.type = ? AND (EXISTS (SELECT 1 FROM exhibit_author ea"
                + " WHERE ea.page_id = p.id AND ea.author_id = ?) OR EXISTS (SELECT 1 FROM page_revision r"
                + " WHERE r.page_id = p.id AND (r.id = p.latest_revision_id OR r.id = p.live_revision_id"
                + " OR r.approved_go_live_at IS NOT NULL)"
                + " AND r.content -> 'authors' @> jsonb_build_array(jsonb_build_object('author_id', CAST(? AS bigint)))))"
                + " ORDER BY p.id", rs -> {
                    Map<String, Object> page = new LinkedHashMap<>();
                    page.put("id", rs.getInt("id"));
                    page.put("title", rs.getString("title"));
                    page.put("live", rs.getBoolean("live"));
                    return page;
                }, ExhibitPages.TYPE, authorId, authorId);
    }

    /** Who last changed the author, from the audit log (null when nobody did through the admin API). */
    public String lastChangedBy(Statements db, long authorId) {
        return db.one("SELECT username FROM audit_log WHERE object_type = 'author' AND object_id = ?"
                + " ORDER BY at DESC, id DESC LIMIT 1", rs -> rs.getString("username"), String.valueOf(authorId))
                .orElse(null);
    }

    private static EditedAuthor author(ResultSet rs) throws SQLException {
        return new EditedAuthor(rs.getLong("id"), rs.getString("name"), Sql.nullableInt(rs, "image_id"),
                rs.getString("image_title"), rs.getString("bio"), rs.getString("created_at"),
                rs.getString("updated_at"), rs.getLong("version"));
    }
}
