package org.openvault.backend.editing;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.validation.Violations;

/**
 * What editors do to pages, each in one transaction with its audit entry: create, save a draft (a new revision; the
 * live version stays as it is), publish a revision, unpublish, schedule, move, delete, revert. Writers of a page must
 * name the revision they started from ({@code If-Match}); one that started from an older revision is refused with
 * who saved the newer one and when, so nobody overwrites someone else's work without knowing.
 */
public final class PageEditing {

    private final Sql sql;
    private final PageEditRepository pages;
    private final PageTypes types;
    private final AuditLog audit;

    public PageEditing(Sql sql, PageEditRepository pages, PageTypes types, AuditLog audit) {
        this.sql = sql;
        this.pages = pages;
        this.types = types;
        this.audit = audit;
    }

    public EditedPage get(int id) {
        PageState state = pages.find(sql, id).orElseThrow(PageEditing::noSuchPage);
        return view(sql, state);
    }

    public EditedPage create(Caller caller, String type, Integer parentId, JsonNode content) {
        return sql.inTransaction(tx -> {
            Violations violations = new Violations();
            TypeFields fields = types.get(type).filter(TypeFields::creatable).orElse(null);
            if (fields == null) {
                violations.add("/type", "invalid_choice", "type is one of " + types.creatable());
            }
            PageState parent = parentId == null ? null : pages.lock(tx, parentId).orElse(null);
            if (parent == null || !parent.urlPath().startsWith("/home/")) {
                violations.add("/parent_id", "unknown_page", "parent_id must name a page of the site");
            }
            violations.throwIfAny();
            EditContext context = editContext(tx, caller, null, content, violations);
            ObjectNode clean = ContentValidator.validate(content, fields, context);
            violations.throwIfAny();
            checkSlug(tx, type, parent.id(), clean.get("slug").asText(), null, violations);
            violations.throwIfAny();
            int id = pages.insertPage(tx, type, parent.id(), clean, caller.userId());
            fields.write(tx, id, clean);
            PageEditRepository.Revision revision = pages.insertRevision(tx, id, clean, caller.userId(),
                    caller.username());
            pages.markDraft(tx, id, revision, clean.get("title").asText());
            audit.record(tx, caller, "page.create", subject(id, clean.get("title").asText()),
                    Map.of("type", type, "parent_id", parent.id(), "revision_id", revision.id()));
            return new EditedPage(pages.find(tx, id).orElseThrow(), revision, clean);
        });
    }

    public EditedPage saveDraft(Caller caller, int id, String ifMatch, JsonNode content) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            TypeFields fields = fieldsOf(state);
            ObjectNode clean = checkedContent(tx, caller, state, fields, content);
            PageEditRepository.Revision revision = storeDraft(tx, caller, state, fields, clean);
            audit.record(tx, caller, "page.save", subject(id, clean.get("title").asText()),
                    Map.of("revision_id", revision.id()));
            return new EditedPage(pages.find(tx, id).orElseThrow(), revision, clean);
        });
    }

    /** Publishes {@code revisionId}, or the latest revision when null (a page without any: its current content). */
    public EditedPage publish(Caller caller, int id, String ifMatch, Long revisionId) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            TypeFields fields = fieldsOf(state);
            long revision = revisionToPublish(tx, caller, state, revisionId);
            ObjectNode content = pages.revisionContent(tx, id, revision).orElseThrow();
            publishContent(tx, state, fields, content, revision);
            audit.record(tx, caller, "page.publish", subject(id, content.path("title").asText()),
                    Map.of("revision_id", revision));
            return view(tx, pages.find(tx, id).orElseThrow());
        });
    }

    /** Makes a revision live: used by editors and by the scheduler. The caller holds the page's row lock. */
    void publishContent(Statements tx, PageState state, TypeFields fields, ObjectNode content, long revisionId) {
        Violations violations = new Violations();
        requireImagesToPublish(state, fields, content, violations);
        String slug = content.path("slug").asText();
        if (!slug.equals(state.slug())) {
            checkSlug(tx, state.type(), state.parentId(), slug, state.id(), violations);
        }
        violations.throwIfAny();
        pages.writeCommon(tx, state.id(), content);
        fields.write(tx, state.id(), content);
        pages.markPublished(tx, state.id(), revisionId);
    }

    // Exhibits and collections show their cover and hero on every card and header of the site.
    private static void requireImagesToPublish(PageState state, TypeFields fields, ObjectNode content,
                                               Violations violations) {
        if (!fields.needsImagesToPublish()) {
            return;
        }
        for (String image : List.of("cover_image_id", "hero_image_id")) {
            if (content.path(image).isNull() || content.path(image).isMissingNode()) {
                violations.add(ContentChecks.CONTENT + "/" + image, "required_to_publish",
                        "a " + state.type() + " needs its " + image.replace("_id", "").replace('_', ' ')
                                + " before it can go live");
            }
        }
    }

    public EditedPage unpublish(Caller caller, int id, String ifMatch) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            if (!state.live()) {
                throw AdminProblem.conflict("not_live", "the page is not live");
            }
            if (state.isProtected()) {
                throw AdminProblem.conflict("protected_page", "the home page cannot be unpublished");
            }
            pages.markUnpublished(tx, id, false);
            audit.record(tx, caller, "page.unpublish", subject(id, state.title()), Map.of());
            return view(tx, pages.find(tx, id).orElseThrow());
        });
    }

    /**
     * Sets when the latest revision goes live ({@code goLiveAt}, null: not scheduled) and when the live page expires
     * ({@code expireAt}, null: never); both null clears the schedule.
     */
    public EditedPage schedule(Caller caller, int id, String ifMatch, OffsetDateTime goLiveAt,
                               OffsetDateTime expireAt) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            TypeFields fields = fieldsOf(state);
            Violations violations = new Violations();
            OffsetDateTime now = OffsetDateTime.now();
            if (goLiveAt != null && !goLiveAt.isAfter(now)) {
                violations.add("/go_live_at", "not_in_future", "go_live_at must be in the future");
            }
            if (expireAt != null && !expireAt.isAfter(goLiveAt == null ? now : goLiveAt)) {
                violations.add("/expire_at", "too_early", "expire_at must be after now and after go_live_at");
            }
            violations.throwIfAny();
            Long revision = null;
            if (goLiveAt != null) {
                revision = revisionToPublish(tx, caller, state, null);
                ObjectNode content = pages.revisionContent(tx, id, revision).orElseThrow();
                requireImagesToPublish(state, fields, content, violations);
                violations.throwIfAny();
            }
            pages.schedule(tx, id, revision, goLiveAt, expireAt);
            Map<String, Object> details = new HashMap<>();
            details.put("go_live_at", goLiveAt == null ? null : goLiveAt.toString());
            details.put("expire_at", expireAt == null ? null : expireAt.toString());
            details.put("revision_id", revision);
            audit.record(tx, caller, "page.schedule", subject(id, state.title()), details);
            return view(tx, pages.find(tx, id).orElseThrow());
        });
    }

    public EditedPage move(Caller caller, int id, String ifMatch, Integer parentId) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            if (state.isProtected()) {
                throw AdminProblem.conflict("protected_page", "the root and the home page stay where they are");
            }
            Violations violations = new Violations();
            PageState parent = parentId == null ? null : pages.lock(tx, parentId).orElse(null);
            if (parent == null || !parent.urlPath().startsWith("/home/")) {
                violations.add("/parent_id", "unknown_page", "parent_id must name a page of the site");
            } else if (parent.urlPath().startsWith(state.urlPath())) {
                violations.add("/parent_id", "inside_itself", "a page cannot move below itself");
            } else if (pages.siblingHasSlug(tx, parent.id(), state.slug(), id)) {
                violations.add("/parent_id", "slug_taken", "a page there already has the slug " + state.slug());
            }
            violations.throwIfAny();
            pages.move(tx, id, parent.id());
            audit.record(tx, caller, "page.move", subject(id, state.title()),
                    Map.of("from_parent_id", state.parentId(), "to_parent_id", parent.id()));
            return view(tx, pages.find(tx, id).orElseThrow());
        });
    }

    /** Deletes the page and its descendants; answers how many pages were deleted. */
    public long delete(Caller caller, int id, String ifMatch) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            if (state.isProtected()) {
                throw AdminProblem.conflict("protected_page", "the root and the home page cannot be deleted");
            }
            long deleted = pages.delete(tx, state);
            audit.record(tx, caller, "page.delete", subject(id, state.title()),
                    Map.of("type", state.type(), "url_path", state.urlPath(), "pages_deleted", deleted));
            return deleted;
        });
    }

    /** Saves an older revision's content as the newest draft (the live version is untouched until published). */
    public EditedPage revert(Caller caller, int id, String ifMatch, long revisionId) {
        return sql.inTransaction(tx -> {
            PageState state = lockForWrite(tx, id, ifMatch);
            TypeFields fields = fieldsOf(state);
            ObjectNode old = pages.revisionContent(tx, id, revisionId)
                    .orElseThrow(() -> AdminProblem.notFound("the page has no revision " + revisionId));
            ObjectNode clean = checkedContent(tx, caller, state, fields, old);
            PageEditRepository.Revision revision = storeDraft(tx, caller, state, fields, clean);
            audit.record(tx, caller, "page.revert", subject(id, clean.get("title").asText()),
                    Map.of("from_revision_id", revisionId, "revision_id", revision.id()));
            return new EditedPage(pages.find(tx, id).orElseThrow(), revision, clean);
        });
    }

    /** The content of the latest revision, or of the live tables for a page never saved through the admin. */
    public ObjectNode currentContent(Statements db, PageState state) {
        if (state.latestRevisionId() != null) {
            return pages.revisionContent(db, state.id(), state.latestRevisionId()).orElseThrow();
        }
        return liveContent(db, state);
    }

    private ObjectNode liveContent(Statements db, PageState state) {
        ObjectNode content = org.openvault.backend.api.ApiJson.MAPPER.createObjectNode();
        db.one("SELECT title, slug, seo_title, search_description, show_in_menus FROM page WHERE id = ?",
                rs -> content.put("title", rs.getString("title"))
                        .put("slug", rs.getString("slug"))
                        .put("seo_title", rs.getString("seo_title"))
                        .put("search_description", rs.getString("search_description"))
                        .put("show_in_menus", rs.getBoolean("show_in_menus")), state.id());
        types.get(state.type()).ifPresent(fields -> fields.read(db, state.id(), content));
        return content;
    }

    /**
     * What checking content for {@code state} (null: a page not created yet) needs, as a save builds it: the caller's
     * right to html blocks and the page's current html blocks, which others may keep unchanged. Previews use it too,
     * so what is previewed is what a save would store.
     */
    public EditContext editContext(Statements db, Caller caller, PageState state, JsonNode content,
                                   Violations violations) {
        // The page's current html blocks matter only to a non-administrator who sends html blocks.
        boolean mayEditHtml = caller.may(Permission.EDIT_HTML_BLOCKS);
        boolean sendsHtml = content != null && content.isObject() && !htmlBlocks((ObjectNode) content).isEmpty();
        Map<String, String> existing = state == null || mayEditHtml || !sendsHtml ? Map.of()
                : htmlBlocks(currentContent(db, state));
        return new EditContext(db, state == null ? null : state.id(), mayEditHtml, existing, violations);
    }

    private ObjectNode checkedContent(Statements tx, Caller caller, PageState state, TypeFields fields,
                                      JsonNode content) {
        Violations violations = new Violations();
        EditContext context = editContext(tx, caller, state, content, violations);
        ObjectNode clean = ContentValidator.validate(content, fields, context);
        violations.throwIfAny();
        String slug = clean.get("slug").asText();
        if (!slug.equals(state.slug()) && state.parentId() != null) {
            checkSlug(tx, state.type(), state.parentId(), slug, state.id(), violations);
        }
        violations.throwIfAny();
        return clean;
    }

    private PageEditRepository.Revision storeDraft(Statements tx, Caller caller, PageState state, TypeFields fields,
                                                   ObjectNode clean) {
        PageEditRepository.Revision revision = pages.insertRevision(tx, state.id(), clean, caller.userId(),
                caller.username());
        pages.markDraft(tx, state.id(), revision, clean.get("title").asText());
        // A page that is not live has no public version to protect: its row shows the draft in the tree.
        if (!state.live()) {
            pages.writeCommon(tx, state.id(), clean);
            fields.write(tx, state.id(), clean);
        }
        return revision;
    }

    private long revisionToPublish(Statements tx, Caller caller, PageState state, Long revisionId) {
        if (revisionId != null) {
            return pages.revision(tx, state.id(), revisionId)
                    .orElseThrow(() -> AdminProblem.notFound("the page has no revision " + revisionId)).id();
        }
        if (state.latestRevisionId() != null) {
            return state.latestRevisionId();
        }
        // Content loaded without revisions (demo data, imports) gets its first one here, made of what is live.
        PageEditRepository.Revision first = pages.insertRevision(tx, state.id(), liveContent(tx, state),
                caller.userId(), caller.username());
        pages.markDraft(tx, state.id(), first, state.title());
        return first.id();
    }

    private void checkSlug(Statements tx, String type, int parentId, String slug, Integer pageId,
                           Violations violations) {
        if (pages.siblingHasSlug(tx, parentId, slug, pageId)) {
            violations.add(ContentChecks.CONTENT + "/slug", "slug_taken",
                    "another page under the same parent has the slug " + slug);
            return;
        }
        pages.bareSlugConflict(tx, type, slug, pageId, types.foundByBareSlug()).ifPresent(other ->
                violations.add(ContentChecks.CONTENT + "/slug", "slug_taken",
                        "the public site finds exhibits and collections by slug alone, and " + other
                                + " already has the slug " + slug));
    }

    private PageState lockForWrite(Statements tx, int id, String ifMatch) {
        PageState state = pages.lock(tx, id).orElseThrow(PageEditing::noSuchPage);
        if (state.id() == 1) {
            throw AdminProblem.forbidden("the root of the tree is not editable");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new AdminProblem(Status.PRECONDITION_REQUIRED_428, "if_match_required",
                    "send If-Match with the etag of the revision you started from (" + state.etag() + ")");
        }
        if (!ifMatch.strip().equals(state.etag()) && !ifMatch.strip().equals("*")) {
            PageEditRepository.Revision latest = state.latestRevisionId() == null ? null
                    : pages.revision(tx, id, state.latestRevisionId()).orElse(null);
            String who = latest == null || latest.username() == null ? "someone" : latest.username();
            String when = latest == null ? "" : " at " + latest.createdAt();
            throw new AdminProblem(Status.PRECONDITION_FAILED_412, "stale_revision",
                    who + " saved a newer revision" + when + "; reload the page before saving")
                    .with("latest_revision", latest == null ? null : latest.json())
                    .with("etag", state.etag());
        }
        return state;
    }

    private TypeFields fieldsOf(PageState state) {
        return types.get(state.type()).orElseThrow(() -> AdminProblem.conflict("not_editable",
                "pages of type " + state.type() + " are not editable here"));
    }

    private EditedPage view(Statements db, PageState state) {
        PageEditRepository.Revision latest = state.latestRevisionId() == null ? null
                : pages.revision(db, state.id(), state.latestRevisionId()).orElse(null);
        return new EditedPage(state, latest, currentContent(db, state));
    }

    private static Map<String, String> htmlBlocks(ObjectNode content) {
        Map<String, String> blocks = new HashMap<>();
        for (String stream : List.of("body", "content")) {
            JsonNode value = content.get(stream);
            if (value != null && value.isArray()) {
                for (JsonNode block : value) {
                    if ("html".equals(block.path("type").asText()) && block.path("id").isTextual()) {
                        blocks.put(block.get("id").asText(), block.path("value").asText());
                    }
                }
            }
        }
        return blocks;
    }

    private static AuditLog.Subject subject(int id, String title) {
        return new AuditLog.Subject("page", id, title);
    }

    private static AdminProblem noSuchPage() {
        return AdminProblem.notFound("no such page");
    }
}
