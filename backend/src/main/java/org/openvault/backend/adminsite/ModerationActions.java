package org.openvault.backend.adminsite;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.pages.PageRepository;
import org.openvault.backend.validation.ValidationException;
import org.openvault.backend.validation.Violation;

/**
 * The edit screen's moderator actions, through {@link PageEditing}: move under another page, schedule going live and
 * expiring, and delete after a confirmation page. Refusals (409, 412, 422) come back with their message by the form.
 */
public final class ModerationActions {

    private static final Map<String, String> MOVE_INPUTS = Map.of("/parent_id", "parent_id");
    private static final Map<String, String> SCHEDULE_INPUTS = Map.of(
            "/go_live_at", "go_live_at", "/expire_at", "expire_at");
    // PageEditing's sentences name JSON members; editors read the inputs' labels.
    private static final Map<String, String> SCHEDULE_SENTENCES = Map.of(
            "not_in_future", "the go-live time must be in the future",
            "too_early", "the expiry time must be after now and after the go-live time");

    private final PageEditing editing;
    private final SiteSessions sessions;
    private final AdminSiteRepository repository;
    private final EditPage edit;
    private final SiteTemplates templates;

    public ModerationActions(PageEditing editing, SiteSessions sessions, AdminSiteRepository repository,
                             EditPage edit, SiteTemplates templates) {
        this.editing = editing;
        this.sessions = sessions;
        this.repository = repository;
        this.edit = edit;
        this.templates = templates;
    }

    public void move(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req, Permission.MOVE_PAGES, "move");
        int id = EditPage.pageId(req);
        String parent = FormBody.field(req, "parent_id");
        try {
            Integer parentId = parent.matches("\\d{1,9}") ? Integer.valueOf(parent) : null;
            editing.move(user.caller(), id, FormBody.field(req, "etag"), parentId);
            SiteTemplates.seeOther(res, EditPage.editPath(id) + "?moved=1");
        } catch (ValidationException e) {
            FormProblems problems = FormProblems.of(e.violations(), MOVE_INPUTS);
            edit.showRefused(res, Status.UNPROCESSABLE_CONTENT_422, user, editing.get(id),
                    m -> m.refusedMove(problems));
        } catch (AdminProblem p) {
            refusedOnTheForm(p);
            edit.showRefused(res, p.status(), user, editing.get(id), m -> m.refusedMove(FormProblems.general(
                    p.getMessage())));
        }
    }

    public void schedule(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req, Permission.PUBLISH, "schedule");
        int id = EditPage.pageId(req);
        String goLive = FormBody.field(req, "go_live_at").strip();
        String expire = FormBody.field(req, "expire_at").strip();
        try {
            List<Violation> unreadable = new ArrayList<>();
            OffsetDateTime goLiveAt = utc(goLive, "go_live_at", unreadable);
            OffsetDateTime expireAt = utc(expire, "expire_at", unreadable);
            if (!unreadable.isEmpty()) {
                throw new ValidationException(unreadable);
            }
            editing.schedule(user.caller(), id, FormBody.field(req, "etag"), goLiveAt, expireAt);
            SiteTemplates.seeOther(res, EditPage.editPath(id) + "?scheduled=1");
        } catch (ValidationException e) {
            FormProblems problems = FormProblems.of(e.violations().stream().map(v -> new Violation(v.pointer(),
                    v.code(), SCHEDULE_SENTENCES.getOrDefault(v.code(), v.detail()))).toList(), SCHEDULE_INPUTS);
            edit.showRefused(res, Status.UNPROCESSABLE_CONTENT_422, user, editing.get(id),
                    m -> m.refusedSchedule(goLive, expire, problems));
        } catch (AdminProblem p) {
            refusedOnTheForm(p);
            edit.showRefused(res, p.status(), user, editing.get(id),
                    m -> m.refusedSchedule(goLive, expire, FormProblems.general(p.getMessage())));
        }
    }

    public void confirmDelete(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req, Permission.DELETE_CONTENT, "delete");
        EditedPage page = editing.get(EditPage.pageId(req));
        renderDelete(res, Status.OK_200, user, page, page.state().etag(), null);
    }

    public void delete(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req, Permission.DELETE_CONTENT, "delete");
        EditedPage page = editing.get(EditPage.pageId(req));
        String etag = FormBody.field(req, "etag");
        try {
            editing.delete(user.caller(), page.state().id(), etag);
        } catch (AdminProblem p) {
            refusedOnTheForm(p);
            EditedPage now = editing.get(page.state().id());
            renderDelete(res, p.status(), user, now, now.state().etag(), FormProblems.sentence(p.getMessage()));
            return;
        }
        Integer parent = page.state().parentId();
        SiteTemplates.seeOther(res, parent == null || parent == PageRepository.SITE_ROOT_ID ? "/admin/pages/"
                : "/admin/pages/" + parent + "/children");
    }

    private void renderDelete(ServerResponse res, Status status, SignedIn user, EditedPage page, String etag,
                              String problem) {
        String title = page.content().path("title").asText(page.state().title());
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((problem == null ? "Delete " : "Not deleted: ") + title, user, "pages"));
        params.put("id", page.state().id());
        params.put("title", title);
        params.put("children", repository.childCount(page.state().id()).orElse(0));
        params.put("etag", etag);
        params.put("problem", problem);
        templates.render(res, status, "delete.jte", params);
    }

    // The buttons are shown to moderators only; a forged post from an editor is refused all the same.
    private SignedIn allowed(ServerRequest req, Permission permission, String action) {
        SignedIn user = sessions.signedIn(req);
        if (!user.may(permission)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not " + action + " pages");
        }
        return user;
    }

    // Conflicts and stale forms are shown by the form; anything else (403, 404…) is an error page.
    private static void refusedOnTheForm(AdminProblem p) {
        int code = p.status().code();
        if (code != 409 && code != 412 && code != 428) {
            throw p;
        }
    }

    // The inputs are datetime-local, without a zone: the help text says they are UTC.
    private static OffsetDateTime utc(String text, String name, List<Violation> unreadable) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            unreadable.add(new Violation("/" + name, "invalid_time", "enter a date and time, e.g. 2027-01-31T09:00"));
            return null;
        }
    }
}
