package org.openvault.backend.adminsite;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.preview.PagePreviews;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/pages/{id}/edit}: the form for a page's common and simple fields, and its Save, Publish and
 * Unpublish buttons, through {@link PageEditing} (its If-Match rules: the form carries the etag it was loaded from).
 */
public final class EditPage {

    private static final Map<String, String> NOTICES = Map.of(
            "saved", "Saved as a draft. The live page is unchanged until it is published.",
            "published", "Published. The page is live with these changes.",
            "unpublished", "Unpublished. The page is no longer on the site.",
            "moved", "Moved. The page and its children have new addresses.",
            "scheduled", "Schedule saved.",
            "created", "Created as a draft. Fill in its fields, save, and publish it when it is ready.",
            "reverted", "Reverted: the older revision's content is saved as the newest draft. The live page is"
                    + " unchanged until it is published.");

    private final PageEditing editing;
    private final SiteSessions sessions;
    private final AdminSiteRepository repository;
    private final SiteTemplates templates;
    private final PartsViews parts;
    private final PagePreviews previews;
    private final String siteUrl;

    public EditPage(PageEditing editing, SiteSessions sessions, AdminSiteRepository repository, SiteTemplates templates,
                    PickerRepository pickers, PagePreviews previews, String siteUrl) {
        this.editing = editing;
        this.sessions = sessions;
        this.repository = repository;
        this.templates = templates;
        this.parts = new PartsViews(pickers);
        this.previews = previews;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    public void show(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        EditedPage page = editing.get(pageId(req));
        String notice = NOTICES.keySet().stream().filter(req.query()::contains).findFirst().map(NOTICES::get)
                .orElse(null);
        render(res, Status.OK_200, user, page, Typed.stored(page), FieldErrors.NONE, page.state().etag(), notice, null);
    }

    public void submit(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        int id = pageId(req);
        String action = FormBody.field(req, "action");
        // The buttons a role may not use are not shown; a forged post is refused all the same.
        Permission needed = switch (action) {
            case "publish", "unpublish" -> Permission.PUBLISH;
            default -> Permission.EDIT_PAGES;
        };
        if (!user.may(needed)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not " + action + " pages");
        }
        String etag = FormBody.field(req, "etag");
        EditedPage current = editing.get(id);
        Typed typed = Typed.sent(req, current.state().type());
        if (action.equals("preview")) {
            preview(res, user, current, typed, etag);
            return;
        }
        if (!action.equals("save") && !action.equals("publish") && !action.equals("unpublish")) {
            changeForm(res, user, current, typed, action, etag, FormBody.field(req, action.replaceFirst(
                    "^find:", "") + "/search"));
            return;
        }
        try {
            if (action.equals("unpublish")) {
                editing.unpublish(user.caller(), id, etag);
                SiteTemplates.seeOther(res, editPath(id) + "?unpublished=1");
                return;
            }
            EditedPage saved = editing.saveDraft(user.caller(), id, etag, typed.merged(current.content()));
            if (action.equals("publish")) {
                publish(res, user, saved, typed);
                return;
            }
            SiteTemplates.seeOther(res, editPath(id) + "?saved=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, editing.get(id), typed, typed.errors(e), etag, null,
                    null);
        } catch (AdminProblem p) {
            if (!"stale_revision".equals(p.code())) {
                throw p;
            }
            // The form now stands on the newer revision: saving again replaces it knowingly, as the banner says.
            render(res, Status.CONFLICT_409, user, editing.get(id), typed, FieldErrors.NONE,
                    String.valueOf(p.members().get("etag")), null, StaleNotice.of(p));
        }
    }

    /**
     * Preview: the form's content stored as a preview and the browser sent to the public site's preview of it (the
     * button opens a new tab); a refusal shows the form with its messages, nothing saved.
     */
    private void preview(ServerResponse res, SignedIn user, EditedPage page, Typed typed, String etag) {
        PagePreviews.Created created;
        try {
            created = previews.create(user.caller(), page.state().type(), (long) page.state().id(), null,
                    typed.merged(page.content()), siteUrl);
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, page, typed, typed.errors(e), etag,
                    "The preview could not be made: correct the fields below.", null);
            return;
        }
        SiteTemplates.seeOther(res, created.previewUrl());
    }

    /** A list action or an image search: the form again with the change, nothing saved, the etag kept. */
    private void changeForm(ServerResponse res, SignedIn user, EditedPage page, Typed typed, String action,
                            String etag, String search) {
        Map<String, String> searches = Map.of();
        ContentForm.Change change;
        if (action.startsWith("find:") && typed.parts().images().contains(action.substring(5))) {
            searches = Map.of(action.substring(5), search);
            change = new ContentForm.Change(null, "field-" + action.substring(5) + "-found");
        } else {
            change = ContentForm.apply(action, typed.structured(), typed.parts(), typed.field(),
                    user.may(Permission.EDIT_HTML_BLOCKS));
        }
        render(res, Status.OK_200, user, page, typed, FieldErrors.NONE, etag, change.notice(), null,
                moderation(page), searches, change.focus());
    }

    // Publishing checks more than saving (exhibits need their images): the saved draft stays when it is refused.
    private void publish(ServerResponse res, SignedIn user, EditedPage saved, Typed typed) {
        int id = saved.state().id();
        try {
            editing.publish(user.caller(), id, saved.state().etag(), saved.latest().id());
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, editing.get(id), typed, typed.errors(e),
                    saved.state().etag(), "Your changes were saved as a draft, but the page could not be published.",
                    null);
            return;
        }
        SiteTemplates.seeOther(res, editPath(id) + "?published=1");
    }

    private void render(ServerResponse res, Status status, SignedIn user, EditedPage page, Typed typed,
                        FieldErrors errors, String etag, String notice, StaleNotice stale) {
        render(res, status, user, page, typed, errors, etag, notice, stale, moderation(page), Map.of(), null);
    }

    /** The edit screen as stored, with a refused move's or schedule's messages next to its form. */
    void showRefused(ServerResponse res, Status status, SignedIn user, EditedPage page,
                     UnaryOperator<Moderation> refusal) {
        render(res, status, user, page, Typed.stored(page), FieldErrors.NONE, page.state().etag(), null, null,
                refusal.apply(moderation(page)), Map.of(), null);
    }

    Moderation moderation(EditedPage page) {
        return Moderation.of(page.state(), repository.moveTargets());
    }

    private void render(ServerResponse res, Status status, SignedIn user, EditedPage page, Typed typed,
                        FieldErrors errors, String etag, String notice, StaleNotice stale, Moderation moderation,
                        Map<String, String> searches, String focus) {
        String title = page.content().path("title").asText(page.state().title());
        PartsView partsView = parts.of(page.state().id(), typed.parts(), typed.structured(), user, searches, focus);
        EditScreen screen = new EditScreen(page.state().id(), title, Labels.type(page.state().type()),
                StatusLine.of(page, siteUrl), typed.fields(), typed.values(),
                ReadOnlyField.of(page.content(), typed.names()), errors, etag, notice, stale, page.state().live(),
                moderation, partsView);
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((errors.any() || stale != null ? "Not saved: " : "Edit: ") + title, user,
                "pages"));
        params.put("screen", screen);
        templates.render(res, status, "edit.jte", params);
    }

    static String editPath(int id) {
        return "/admin/pages/" + id + "/edit";
    }

    // The tree's root (id 1) is not a page of the site; other unknown ids are 404s from PageEditing.get.
    static int pageId(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)
                || Integer.parseInt(text) < 2) {
            throw AdminProblem.notFound("no such page");
        }
        return Integer.parseInt(text);
    }
}
