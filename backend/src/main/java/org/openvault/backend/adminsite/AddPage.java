package org.openvault.backend.adminsite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.editing.PageEditing;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/pages/{parentId}/add}: a new child page of a type, a title and an optional slug, created as a draft
 * through {@link PageEditing#create}; its other fields are filled in on its edit screen.
 */
public final class AddPage {

    private static final Map<String, String> INPUTS = Map.of(
            "/type", "type", "/content/title", "title", "/content/slug", "slug");

    private final PageEditing editing;
    private final SiteSessions sessions;
    private final AdminSiteRepository repository;
    private final SiteTemplates templates;

    public AddPage(PageEditing editing, SiteSessions sessions, AdminSiteRepository repository,
                   SiteTemplates templates) {
        this.editing = editing;
        this.sessions = sessions;
        this.repository = repository;
        this.templates = templates;
    }

    public void form(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        int parentId = EditPage.pageId(req);
        render(res, Status.OK_200, user, parentId, "", "", "", FormProblems.NONE);
    }

    public void submit(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        int parentId = EditPage.pageId(req);
        String type = FormBody.field(req, "type");
        String title = FormBody.field(req, "title");
        String slug = FormBody.field(req, "slug").strip();
        ObjectNode content = ApiJson.MAPPER.createObjectNode().put("title", title);
        // Left empty, the slug is made from the title by the content checks.
        if (!slug.isEmpty()) {
            content.put("slug", slug);
        }
        try {
            EditedPage created = editing.create(user.caller(), type, parentId, content);
            SiteTemplates.seeOther(res, EditPage.editPath(created.state().id()) + "?created=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, parentId, type, title, slug,
                    FormProblems.of(e.violations(), INPUTS));
        }
    }

    // The link is shown to everyone who may edit; a forged post from another role is refused all the same.
    private SignedIn allowed(ServerRequest req) {
        SignedIn user = sessions.signedIn(req);
        if (!user.may(Permission.EDIT_PAGES)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not create pages");
        }
        return user;
    }

    private void render(ServerResponse res, Status status, SignedIn user, int parentId, String type, String title,
                        String slug, FormProblems problems) {
        List<Crumb> crumbs = repository.breadcrumbs(parentId);
        if (crumbs.isEmpty()) {
            throw AdminProblem.notFound("no such page");
        }
        String parentTitle = crumbs.getLast().title();
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((problems.any() ? "Not created: " : "Add a page under ") + parentTitle, user,
                "pages"));
        params.put("screen", new AddScreen(parentId, parentTitle, PageTypeChoice.CREATABLE, type, title, slug,
                problems));
        templates.render(res, status, "add.jte", params);
    }
}
