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
import org.openvault.backend.authors.AuthorEdits;
import org.openvault.backend.authors.AuthorWrites;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/authors}: editors list, search, create and change authors through {@link AuthorWrites}, the JSON
 * API's own checks; the form carries the etag it was loaded from, as If-Match does.
 */
public final class AuthorsPages {

    private static final int LIST_LIMIT = 200;
    private static final Map<String, String> INPUTS = Map.of("/name", "name", "/bio", "bio", "/image_id", "image_id");

    private final Sql sql;
    private final AuthorEdits authors;
    private final AuthorWrites writes;
    private final SiteSessions sessions;
    private final SiteTemplates templates;

    public AuthorsPages(Sql sql, AuthorEdits authors, AuthorWrites writes, SiteSessions sessions,
                        SiteTemplates templates) {
        this.sql = sql;
        this.authors = authors;
        this.writes = writes;
        this.sessions = sessions;
        this.templates = templates;
    }

    public void list(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        String search = req.query().contains("search") ? req.query().get("search").strip() : "";
        List<AuthorEdits.EditedAuthor> rows = authors.list(sql, search.isEmpty() ? null : search, LIST_LIMIT, 0);
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Authors", user, "authors"));
        params.put("authors", rows);
        params.put("search", search);
        templates.render(res, Status.OK_200, "authors.jte", params);
    }

    public void newForm(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        render(res, Status.OK_200, user, new AuthorForm(0, "", "", "", "", FormProblems.NONE, null, null));
    }

    public void create(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        AuthorForm typed = typed(req, 0, "");
        try {
            AuthorEdits.EditedAuthor created = writes.create(user.caller(), body(typed));
            SiteTemplates.seeOther(res, "/admin/authors/" + created.id() + "?created=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, problems(typed, FormProblems.of(e.violations(), INPUTS),
                    null));
        }
    }

    public void editForm(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        AuthorEdits.EditedAuthor author = find(UsersPages.id(req));
        String notice = req.query().contains("created") ? "Author created. It is on the site at once."
                : req.query().contains("saved") ? "Saved. The changes are on the site at once." : null;
        render(res, Status.OK_200, user, new AuthorForm(author.id(), author.etag(), author.name(), author.bio(),
                author.imageId() == null ? "" : author.imageId().toString(), FormProblems.NONE, notice, null));
    }

    public void update(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        long id = UsersPages.id(req);
        find(id);
        AuthorForm typed = typed(req, id, FormBody.field(req, "etag"));
        try {
            writes.update(user.caller(), id, typed.etag(), body(typed));
            SiteTemplates.seeOther(res, "/admin/authors/" + id + "?saved=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, problems(typed, FormProblems.of(e.violations(), INPUTS),
                    null));
        } catch (AdminProblem p) {
            if (!"stale_author".equals(p.code())) {
                throw p;
            }
            // The form now stands on the newer version: saving again replaces it knowingly, as the banner says.
            AuthorForm restamped = new AuthorForm(id, String.valueOf(p.members().get("etag")), typed.name(),
                    typed.bio(), typed.imageId(), FormProblems.NONE, null, null);
            Object who = p.members().get("updated_by");
            render(res, Status.CONFLICT_409, user, problems(restamped, FormProblems.NONE, (who == null ? "Someone"
                    : who) + " changed this author at " + Labels.time(String.valueOf(p.members().get("updated_at")))
                    + " after you loaded it. Your text is below; saving again replaces their changes."));
        }
    }

    // Every role may edit authors today; the check keeps the page right if that changes.
    private SignedIn allowed(ServerRequest req) {
        SignedIn user = sessions.signedIn(req);
        if (!user.may(Permission.EDIT_AUTHORS)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not edit authors");
        }
        return user;
    }

    private AuthorEdits.EditedAuthor find(long id) {
        return authors.find(sql, id).orElseThrow(() -> AdminProblem.notFound("no such author"));
    }

    private static AuthorForm typed(ServerRequest req, long id, String etag) {
        return new AuthorForm(id, etag, FormBody.field(req, "name"), FormBody.field(req, "bio"),
                FormBody.field(req, "image_id").strip(), FormProblems.NONE, null, null);
    }

    // An image id that is not a number is sent as text, so the JSON API's check names the field.
    private static ObjectNode body(AuthorForm form) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode().put("name", form.name()).put("bio", form.bio());
        if (form.imageId().isEmpty()) {
            return body;
        }
        if (form.imageId().length() <= 10 && form.imageId().chars().allMatch(Character::isDigit)) {
            return body.put("image_id", Long.parseLong(form.imageId()));
        }
        return body.put("image_id", form.imageId());
    }

    private static AuthorForm problems(AuthorForm form, FormProblems problems, String stale) {
        return new AuthorForm(form.id(), form.etag(), form.name(), form.bio(), form.imageId(), problems, null, stale);
    }

    private void render(ServerResponse res, Status status, SignedIn user, AuthorForm form) {
        String title = form.isNew() ? "New author" : "Author " + form.name();
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((form.problems().any() || form.stale() != null ? "Not saved: " : "") + title,
                user, "authors"));
        params.put("form", form);
        templates.render(res, status, "author-form.jte", params);
    }
}
