package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.editing.PageEditRepository;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.editing.PageState;
import org.openvault.backend.editing.RevisionComparison;

/**
 * {@code /admin/pages/{id}/history}: a page's revisions, what changed between two of them, and reverting to one (a new
 * draft with its content, through {@link PageEditing#revert}).
 */
public final class HistoryPage {

    static final int SHOWN = 50;

    private final Sql sql;
    private final PageEditing editing;
    private final PageEditRepository revisions;
    private final SiteSessions sessions;
    private final SiteTemplates templates;

    public HistoryPage(Sql sql, PageEditing editing, PageEditRepository revisions, SiteSessions sessions,
                       SiteTemplates templates) {
        this.sql = sql;
        this.editing = editing;
        this.revisions = revisions;
        this.sessions = sessions;
        this.templates = templates;
    }

    public void show(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        EditedPage page = editing.get(EditPage.pageId(req));
        PageState state = page.state();
        // One revision more than shown gives the last shown its previous one to compare with.
        int number = Listing.pageNumber(req, 100_000);
        List<PageEditRepository.Revision> found = revisions.revisions(sql, state.id(), SHOWN + 1,
                (number - 1) * SHOWN);
        List<RevisionRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, found.size()); i++) {
            PageEditRepository.Revision r = found.get(i);
            Long previous = i + 1 < found.size() ? found.get(i + 1).id() : null;
            rows.add(new RevisionRow(r.id(), r.username() == null ? "(unknown)" : r.username(),
                    Labels.time(r.createdAt()), r.createdAt(), Long.valueOf(r.id()).equals(state.liveRevisionId()),
                    Long.valueOf(r.id()).equals(state.latestRevisionId()), previous));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("History: " + title(page), user, "pages"));
        params.put("id", state.id());
        params.put("title", title(page));
        params.put("rows", rows);
        params.put("page", number);
        params.put("more", found.size() > SHOWN);
        templates.render(res, Status.OK_200, "history.jte", params);
    }

    public void compare(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        EditedPage page = editing.get(EditPage.pageId(req));
        int id = page.state().id();
        long from = revisionNumber(req.query().contains("from") ? req.query().get("from") : "");
        long to = revisionNumber(req.query().contains("to") ? req.query().get("to") : "");
        ObjectNode before = revisions.revisionContent(sql, id, from)
                .orElseThrow(() -> AdminProblem.notFound("this page has no revision " + from));
        ObjectNode after = revisions.revisionContent(sql, id, to)
                .orElseThrow(() -> AdminProblem.notFound("this page has no revision " + to));
        List<FieldChange> changes = new ArrayList<>();
        for (Object change : (List<?>) RevisionComparison.compare(before, after).get("changes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) change;
            changes.add(FieldChange.of(entry));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Compare revisions: " + title(page), user, "pages"));
        params.put("id", id);
        params.put("title", title(page));
        params.put("from", from);
        params.put("to", to);
        params.put("etag", page.state().etag());
        params.put("changes", changes);
        templates.render(res, Status.OK_200, "compare.jte", params);
    }

    public void revert(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        // The button is shown to those who may edit; a forged post is refused all the same.
        if (!user.may(Permission.EDIT_PAGES)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not revert pages");
        }
        int id = EditPage.pageId(req);
        long revision = revisionNumber(req.path().pathParameters().get("revision"));
        editing.revert(user.caller(), id, FormBody.field(req, "etag"), revision);
        SiteTemplates.seeOther(res, EditPage.editPath(id) + "?reverted=1");
    }

    private static String title(EditedPage page) {
        return page.content().path("title").asText(page.state().title());
    }

    // Not a positive number is a 404: there is no such revision to show.
    private static long revisionNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)
                || Long.parseLong(text) < 1) {
            throw AdminProblem.notFound("no such revision");
        }
        return Long.parseLong(text);
    }
}
