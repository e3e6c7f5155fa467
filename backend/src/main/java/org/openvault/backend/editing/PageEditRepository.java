package org.openvault.backend.editing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Rows;
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
    public Optional<PageState> lock(DbExecute db, int id) {
        return db.get(STATE + " FOR UPDATE", id).map(PageEditRepository::state);
    }

    public Optional<PageState> find(DbExecute db, int id) {
        return db.get(STATE, id).map(PageEditRepository::state);
    }

    /** Inserts a page that is not live; its position in the tree follows from parent and slug. */
    public int insertPage(DbExecute db, String type, int parentId, ObjectNode common, long ownerId) {
        return db.get("INSERT INTO page (type, parent_id, title, draft_title, slug, seo_title, search_description,"
                                + " show_in_menus, live, has_unpublished_changes, owner_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, true, ?) RETURNING id",
                        type, parentId, common.get("title").asText(), common.get("title").asText(),
                        common.get("slug").asText(), common.get("seo_title").asText(),
                        common.get("search_description").asText(), common.get("show_in_menus").asBoolean(), ownerId)
                .map(row -> Rows.intValue(row, "id")).orElseThrow();
    }

    /** Writes the fields every page has into the page row (the live version, or a never-published draft). */
    public void writeCommon(DbExecute db, int id, ObjectNode content) {
        db.update("UPDATE page SET title = ?, slug = ?, seo_title = ?, search_description = ?, show_in_menus = ?,"
                        + " updated_at = now() WHERE id = ?",
                content.get("title").asText(), content.get("slug").asText(), content.get("seo_title").asText(),
                content.get("search_description").asText(), content.get("show_in_menus").asBoolean(), id);
    }

    public Revision insertRevision(DbExecute db, int pageId, ObjectNode content, long userId, String username) {
        return db.get("INSERT INTO page_revision (page_id, content, user_id) VALUES (?, CAST(? AS jsonb), ?)"
                        + " RETURNING id, " + TS.formatted("created_at") + " AS created_at", pageId, content.toString(),
                        userId)
                .map(row -> new Revision(Rows.longValue(row, "id"), pageId, Rows.text(row, "created_at"), null, userId,
                        username))
                .orElseThrow();
    }

    public Optional<Revision> revision(DbExecute db, int pageId, long revisionId) {
        return db.get(REVISION + " WHERE r.page_id = ? AND r.id = ?", pageId, revisionId)
                .map(PageEditRepository::revision);
    }

    public Optional<ObjectNode> revisionContent(DbExecute db, int pageId, long revisionId) {
        return db.get("SELECT content::text AS content FROM page_revision WHERE page_id = ? AND id = ?", pageId,
                revisionId).map(row -> (ObjectNode) ApiJson.parse(Rows.text(row, "content")));
    }

    public List<Revision> revisions(DbExecute db, int pageId, int limit, int offset) {
        try (Stream<DbRow> rows = db.query(REVISION + " WHERE r.page_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?",
                pageId, limit, offset)) {
            return rows.map(PageEditRepository::revision).toList();
        }
    }

    /** Notes a new latest revision: the draft the editor sees next, newer than what is live. */
    public void markDraft(DbExecute db, int id, Revision revision, String draftTitle) {
        db.update("UPDATE page SET latest_revision_id = ?, latest_revision_created_at = now(), draft_title = ?,"
                + " has_unpublished_changes = true, updated_at = now() WHERE id = ?", revision.id(), draftTitle, id);
    }

    /** Notes that a revision went live now; pending schedules of the page are done with. */
    public void markPublished(DbExecute db, int id, long revisionId) {
        db.update("UPDATE page SET live = true, expired = false, first_published_at = coalesce(first_published_at, now()),"
                + " last_published_at = now(), live_revision_id = ?, has_unpublished_changes = (latest_revision_id <> ?),"
                + " go_live_at = NULL, updated_at = now() WHERE id = ?", revisionId, revisionId, id);
        db.update("UPDATE page_revision SET approved_go_live_at = NULL WHERE page_id = ? AND approved_go_live_at IS NOT NULL",
                id);
    }

    /** Takes the page off the site; its content stays as the draft to publish again. */
    public void markUnpublished(DbExecute db, int id, boolean expired) {
        db.update("UPDATE page SET live = false, has_unpublished_changes = true, expired = ?, expire_at = CASE WHEN ?"
                + " THEN NULL ELSE expire_at END, updated_at = now() WHERE id = ?", expired, expired, id);
    }

    /** Sets or clears the times a page goes live and expires; {@code revisionId} is the revision approved to go live. */
    public void schedule(DbExecute db, int id, Long revisionId, java.time.OffsetDateTime goLiveAt,
                         java.time.OffsetDateTime expireAt) {
        db.update("UPDATE page_revision SET approved_go_live_at = NULL WHERE page_id = ? AND approved_go_live_at IS NOT NULL",
                id);
        if (revisionId != null && goLiveAt != null) {
            db.update("UPDATE page_revision SET approved_go_live_at = ? WHERE id = ?", goLiveAt, revisionId);
        }
        db.update("UPDATE page SET go_live_at = ?, expire_at = ?, updated_at = now() WHERE id = ?", goLiveAt, expireAt,
                id);
    }

    public void move(DbExecute db, int id, int parentId) {
        db.update("UPDATE page SET parent_id = ?, updated_at = now() WHERE id = ?", parentId, id);
    }

    /** Deletes the page and everything below it; answers how many pages went. */
    public long delete(DbExecute db, PageState page) {
        long count = db.get("SELECT count(*) AS n FROM page WHERE starts_with(url_path, ?)", page.urlPath())
                .map(row -> Rows.longValue(row, "n")).orElse(1L);
        db.delete("DELETE FROM page WHERE id = ?", page.id());
        return count;
    }

    /** Whether a sibling under {@code parentId} other than {@code pageId} has this slug. */
    public boolean siblingHasSlug(DbExecute db, int parentId, String slug, Integer pageId) {
        return db.get("SELECT 1 AS found FROM page WHERE parent_id = ? AND slug = ? AND id <> ?", parentId, slug,
                pageId == null ? -1 : pageId).isPresent();
    }

    /**
     * The public site finds exhibits and collections by bare slug ({@code /exhibits/<slug>} asks the API for
     * {@code ?slug=} and takes the first item), so an exhibit or collection may share its slug with no other page,
     * and no page may take the slug of an exhibit or collection. Serialised per slug with an advisory lock, so two
     * saves of the same new slug cannot both pass.
     */
    public Optional<String> bareSlugConflict(DbExecute db, String type, String slug, Integer pageId, Set<String> bareTypes) {
        db.get("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('ov.page-slug:' || ?))) l", slug);
        String condition = bareTypes.contains(type) ? "true" : "type = ANY (CAST(? AS text[]))";
        List<Object> params = new java.util.ArrayList<>();
        params.add(slug);
        params.add(pageId == null ? -1 : pageId);
        if (!bareTypes.contains(type)) {
            params.add(bareTypes.toArray(String[]::new));
        }
        return db.get("SELECT type, url_path FROM page WHERE slug = ? AND id <> ? AND id NOT IN (1, 3) AND " + condition
                        + " LIMIT 1", params.toArray())
                .map(row -> Rows.text(row, "type") + " at " + Rows.text(row, "url_path"));
    }

    /** Whether {@code ancestor} is the page at {@code urlPath} or one of its descendants. */
    public boolean isWithin(DbExecute db, int candidateId, String urlPath) {
        return db.get("SELECT 1 AS found FROM page WHERE id = ? AND starts_with(url_path, ?)", candidateId, urlPath)
                .isPresent();
    }

    private static PageState state(DbRow row) {
        return new PageState(Rows.intValue(row, "id"), Rows.text(row, "type"), Rows.nullableInt(row, "parent_id"),
                Rows.text(row, "slug"), Rows.text(row, "title"), Rows.text(row, "url_path"), Rows.bool(row, "live"),
                Rows.bool(row, "has_unpublished_changes"), Rows.bool(row, "expired"),
                Rows.nullableLong(row, "latest_revision_id"), Rows.nullableLong(row, "live_revision_id"),
                Rows.text(row, "first_published_at"), Rows.text(row, "last_published_at"),
                Rows.text(row, "go_live_at"), Rows.text(row, "expire_at"));
    }

    private static Revision revision(DbRow row) {
        return new Revision(Rows.longValue(row, "id"), Rows.intValue(row, "page_id"), Rows.text(row, "created_at"),
                Rows.text(row, "approved_go_live_at"), Rows.nullableLong(row, "user_id"), Rows.text(row, "username"));
    }
}
