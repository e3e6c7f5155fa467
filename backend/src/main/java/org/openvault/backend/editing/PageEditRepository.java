package org.openvault.backend.editing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.pages.PageRepository;

/** The SQL of editing pages: page rows under lock, revisions, and the bookkeeping of drafts and publishing. */
public final class PageEditRepository {

    private static final String TS = PageRepository.TS;
    private static final String STATE = "SELECT p.id, p.type, p.parent_id, p.slug, p.title, p.url_path, p.live,"
            + " p.has_unpublished_changes, p.expired, p.latest_revision_id, p.live_revision_id, "
            + TS.formatted("p.first_published_at") + " AS first_published_at, "
            + TS.formatted("p.last_published_at") + " AS last_published_at, "
            + TS.formatted("p.go_live_at") + " AS go_live_at, " + TS.formatted("p.expire_at") + " AS expire_at"
            + " FROM page p WHERE p.id = ?";
    private static final String REVISION = "SELECT r.id, r.page_id, " + TS.formatted("r.created_at") + " AS created_at, "
            + TS.formatted("r.approved_go_live_at") + " AS approved_go_live_at, r.user_id, u.username"
            + " FROM page_revision r LEFT JOIN app_user u ON u.id = r.user_id";

    /** A saved revision: who saved it and when. */
    public record Revision(long id, int pageId, String createdAt, String approvedGoLiveAt, Long userId,
                           String username) {

        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("created_at", createdAt);
            json.put("user", userId == null ? null : Map.of("id", userId, "username", username));
            json.put("approved_go_live_at", approvedGoLiveAt);
            return json;
        }
    }

    /** The page with this id, its row locked until the transaction ends (writers of one page queue up). */
    public Optional<PageState> lock(Statements db, int id) {
        return db.one(STATE + " FOR UPDATE", PageEditRepository::state, id);
    }

    public Optional<PageState> find(Statements db, int id) {
        return db.one(STATE, PageEditRepository::state, id);
    }

    /** Inserts a page that is not live; its position in the tree follows from parent and slug. */
    public int insertPage(Statements db, String type, int parentId, ObjectNode common, long ownerId) {
        return db.one("INSERT INTO page (type, parent_id, title, draft_title, slug, seo_title, search_description,"
                                + " show_in_menus, live, has_unpublished_changes, owner_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, true, ?) RETURNING id",
                        rs -> rs.getInt("id"), type, parentId, common.get("title").asText(),
                        common.get("title").asText(), common.get("slug").asText(), common.get("seo_title").asText(),
                        common.get("search_description").asText(), common.get("show_in_menus").asBoolean(), ownerId)
                .orElseThrow();
    }

    /** Writes the fields every page has into the page row (the live version, or a never-published draft). */
    public void writeCommon(Statements db, int id, ObjectNode content) {
        db.update("UPDATE page SET title = ?, slug = ?, seo_title = ?, search_description = ?, show_in_menus = ?,"
                        + " updated_at = now() WHERE id = ?",
                content.get("title").asText(), content.get("slug").asText(), content.get("seo_title").asText(),
                content.get("search_description").asText(), content.get("show_in_menus").asBoolean(), id);
    }

    public Revision insertRevision(Statements db, int pageId, ObjectNode content, long userId, String username) {
        return db.one("INSERT INTO page_revision (page_id, content, user_id) VALUES (?, CAST(? AS jsonb), ?)"
                        + " RETURNING id, " + TS.formatted("created_at") + " AS created_at",
                        rs -> new Revision(rs.getLong("id"), pageId, rs.getString("created_at"), null, userId,
                                username),
                        pageId, content.toString(), userId)
                .orElseThrow();
    }

    public Optional<Revision> revision(Statements db, int pageId, long revisionId) {
        return db.one(REVISION + " WHERE r.page_id = ? AND r.id = ?", PageEditRepository::revision, pageId, revisionId);
    }

    public Optional<ObjectNode> revisionContent(Statements db, int pageId, long revisionId) {
        return db.one("SELECT content::text AS content FROM page_revision WHERE page_id = ? AND id = ?",
                rs -> (ObjectNode) ApiJson.parse(rs.getString("content")), pageId, revisionId);
    }

    public List<Revision> revisions(Statements db, int pageId, int limit, int offset) {
        return db.list(REVISION + " WHERE r.page_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?",
                PageEditRepository::revision, pageId, limit, offset);
    }

    /** Notes a new latest revision: the draft the editor sees next, newer than what is live. */
    public void markDraft(Statements db, int id, Revision revision, String draftTitle) {
        db.update("UPDATE page SET latest_revision_id = ?, latest_revision_created_at = now(), draft_title = ?,"
                + " has_unpublished_changes = true, updated_at = now() WHERE id = ?", revision.id(), draftTitle, id);
    }

    /** Notes that a revision went live now; pending schedules of the page are done with. */
    public void markPublished(Statements db, int id, long revisionId) {
        db.update("UPDATE page SET live = true, expired = false, first_published_at = coalesce(first_published_at, now()),"
                + " last_published_at = now(), live_revision_id = ?, has_unpublished_changes = (latest_revision_id <> ?),"
                + " go_live_at = NULL, updated_at = now() WHERE id = ?", revisionId, revisionId, id);
        db.update("UPDATE page_revision SET approved_go_live_at = NULL WHERE page_id = ? AND approved_go_live_at IS NOT NULL",
                id);
    }

    /** Takes the page off the site; its content stays as the draft to publish again. */
    public void markUnpublished(Statements db, int id, boolean expired) {
        db.update("UPDATE page SET live = false, has_unpublished_changes = true, expired = ?, expire_at = CASE WHEN ?"
                + " THEN NULL ELSE expire_at END, updated_at = now() WHERE id = ?", expired, expired, id);
    }

    /** Sets or clears the times a page goes live and expires; {@code revisionId} is the revision approved to go live. */
    public void schedule(Statements db, int id, Long revisionId, java.time.OffsetDateTime goLiveAt,
                         java.time.OffsetDateTime expireAt) {
        db.update("UPDATE page_revision SET approved_go_live_at = NULL WHERE page_id = ? AND approved_go_live_at IS NOT NULL",
                id);
        if (revisionId != null && goLiveAt != null) {
            db.update("UPDATE page_revision SET approved_go_live_at = ? WHERE id = ?", goLiveAt, revisionId);
        }
        db.update("UPDATE page SET go_live_at = ?, expire_at = ?, updated_at = now() WHERE id = ?", goLiveAt, expireAt,
                id);
    }

    public void move(Statements db, int id, int parentId) {
        db.update("UPDATE page SET parent_id = ?, updated_at = now() WHERE id = ?", parentId, id);
    }

    /** Deletes the page and everything below it; answers how many pages went. */
    public long delete(Statements db, PageState page) {
        long count = db.one("SELECT count(*) FROM page WHERE starts_with(url_path, ?)", rs -> rs.getLong(1),
                page.urlPath()).orElse(1L);
        db.update("DELETE FROM page WHERE id = ?", page.id());
        return count;
    }

    /** Whether a sibling under {@code parentId} other than {@code pageId} has this slug. */
    public boolean siblingHasSlug(Statements db, int parentId, String slug, Integer pageId) {
        return db.one("SELECT 1 FROM page WHERE parent_id = ? AND slug = ? AND id <> ?", rs -> true, parentId, slug,
                pageId == null ? -1 : pageId).isPresent();
    }

    /**
     * The public site finds exhibits and collections by bare slug ({@code /exhibits/<slug>} asks the API for
     * {@code ?slug=} and takes the first item), so an exhibit or collection may share its slug with no other page,
     * and no page may take the slug of an exhibit or collection. Serialised per slug with an advisory lock, so two
     * saves of the same new slug cannot both pass.
     */
    public Optional<String> bareSlugConflict(Statements db, String type, String slug, Integer pageId, Set<String> bareTypes) {
        db.one("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('ov.page-slug:' || ?))) l", rs -> true, slug);
        String condition = bareTypes.contains(type) ? "true" : "type = ANY (CAST(? AS text[]))";
        List<Object> params = new java.util.ArrayList<>();
        params.add(slug);
        params.add(pageId == null ? -1 : pageId);
        if (!bareTypes.contains(type)) {
            params.add(bareTypes.toArray(String[]::new));
        }
        return db.one("SELECT type, url_path FROM page WHERE slug = ? AND id <> ? AND id NOT IN (1, 3) AND " + condition
                + " LIMIT 1", rs -> rs.getString("type") + " at " + rs.getString("url_path"), params.toArray());
    }

    /** Whether {@code ancestor} is the page at {@code urlPath} or one of its descendants. */
    public boolean isWithin(Statements db, int candidateId, String urlPath) {
        return db.one("SELECT 1 FROM page WHERE id = ? AND starts_with(url_path, ?)", rs -> true, candidateId,
                urlPath).isPresent();
    }

    private static PageState state(ResultSet rs) throws SQLException {
        return new PageState(rs.getInt("id"), rs.getString("type"), Sql.nullableInt(rs, "parent_id"),
                rs.getString("slug"), rs.getString("title"), rs.getString("url_path"), rs.getBoolean("live"),
                rs.getBoolean("has_unpublished_changes"), rs.getBoolean("expired"),
                Sql.nullableLong(rs, "latest_revision_id"), Sql.nullableLong(rs, "live_revision_id"),
                rs.getString("first_published_at"), rs.getString("last_published_at"),
                rs.getString("go_live_at"), rs.getString("expire_at"));
    }

    private static Revision revision(ResultSet rs) throws SQLException {
        return new Revision(rs.getLong("id"), rs.getInt("page_id"), rs.getString("created_at"),
                rs.getString("approved_go_live_at"), Sql.nullableLong(rs, "user_id"), rs.getString("username"));
    }
}
