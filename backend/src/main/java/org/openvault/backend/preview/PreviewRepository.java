package org.openvault.backend.preview;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.exhibits.ExhibitPage;
import org.openvault.backend.pages.PageRef;
import org.openvault.backend.pages.PageRepository;

/** Stores and reads drafts for preview, and reads the live data a draft refers to (parent, authors, other exhibits). */
public final class PreviewRepository {

    private static final String TS = PageRepository.TS;

    private final Sql sql;

    public PreviewRepository(Sql sql) {
        this.sql = sql;
    }

    /** A stored draft: its type name as stored and its page JSON. */
    public record Preview(String contentType, JsonNode content) {
    }

    /** The draft stored under {@code token} for a type name (compared case-insensitively). */
    public Optional<Preview> find(String contentType, String token) {
        return sql.one("SELECT content_type, content_json::text FROM page_preview WHERE token = ? AND lower(content_type) = lower(?)",
                rs -> new Preview(rs.getString(1), ApiJson.parse(rs.getString(2))), token, contentType);
    }

    /**
     * Stores a draft under its token, in the caller's transaction. A token is per page (or parent and type) and
     * second, so a second preview of the same page within that second replaces the first.
     */
    public void store(Statements db, String token, String contentType, JsonNode content) {
        db.update("INSERT INTO page_preview (token, content_type, content_json) VALUES (?, ?, CAST(? AS jsonb))"
                        + " ON CONFLICT (token) DO UPDATE SET content_type = EXCLUDED.content_type,"
                        + " content_json = EXCLUDED.content_json, created_at = now()",
                token, contentType, content.toString());
    }

    /** Deletes drafts stored more than a day ago (their tokens have expired too, at the default age). */
    public long purgeOld(Statements db) {
        return db.update("DELETE FROM page_preview WHERE created_at < now() - interval '1 day'");
    }

    /** The site root's url_path ({@code /home/}). */
    public String siteRootPath() {
        return sql.one("SELECT url_path FROM page WHERE id = " + PageRepository.SITE_ROOT_ID, rs -> rs.getString(1))
                .orElse("/home/");
    }

    /** A page as a parent reference (with its url_path) if it exists; visible or not is the caller's check. */
    public Optional<PageRef> page(Integer id, String siteRootPath) {
        if (id == null) {
            return Optional.empty();
        }
        return sql.one("SELECT id, type, title, url_path, live FROM page WHERE id = ?",
                rs -> rs.getBoolean("live") && rs.getString("url_path").startsWith(siteRootPath)
                        ? new PageRef(rs.getInt("id"), rs.getString("type"), rs.getString("title"),
                        rs.getString("url_path"), siteRootPath)
                        : new PageRef(rs.getInt("id"), rs.getString("type"), rs.getString("title"),
                        rs.getString("url_path"), null), id);
    }

    public Optional<ExhibitPage.ExhibitAuthor> author(long authorId) {
        return sql.one("SELECT id, name, image_id, bio FROM author WHERE id = ?",
                rs -> new ExhibitPage.ExhibitAuthor(0, rs.getLong("id"), rs.getString("name"),
                        Sql.nullableInt(rs, "image_id"), rs.getString("bio")), authorId);
    }

    public Optional<ExhibitPage.OtherExhibit> liveExhibit(int id, String siteRootPath) {
        return sql.one("SELECT p.id, p.title, p.type, p.slug, p.url_path, " + TS.formatted("p.first_published_at")
                        + " AS f, " + TS.formatted("p.last_published_at") + " AS l, e.featured, e.cover_image_id, e.hero_image_id"
                        + " FROM page p JOIN exhibit e ON e.page_id = p.id WHERE p.id = ? AND p.live",
                rs -> new ExhibitPage.OtherExhibit(rs.getInt("id"), rs.getString("title"),
                        rs.getString("type"), rs.getString("slug"), rs.getString("url_path"), siteRootPath,
                        rs.getString("f"), rs.getString("l"), rs.getBoolean("featured"),
                        Sql.nullableInt(rs, "cover_image_id"), Sql.nullableInt(rs, "hero_image_id")), id);
    }
}
