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
import org.openvault.backend.auth.User;
import org.openvault.backend.auth.UserAccounts;
import org.openvault.backend.auth.UserRepository;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/users}: administrators list, create and change accounts through {@link UserAccounts}, the JSON API's
 * own checks (taken usernames, password rules, the last active administrator).
 */
public final class UsersPages {

    private static final int LIST_LIMIT = 500;
    private static final Map<String, String> INPUTS = Map.of("/username", "username", "/email", "email",
            "/display_name", "display_name", "/role", "role", "/password", "password", "/active", "active");

    private final Sql sql;
    private final UserRepository users;
    private final UserAccounts accounts;
    private final SiteSessions sessions;
    private final SiteTemplates templates;

    public UsersPages(Sql sql, UserRepository users, UserAccounts accounts, SiteSessions sessions,
                      SiteTemplates templates) {
        this.sql = sql;
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.templates = templates;
    }

    public void list(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        List<User> rows = users.list(sql, null, LIST_LIMIT, 0);
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Users", user, "users"));
        params.put("users", rows);
        templates.render(res, Status.OK_200, "users.jte", params);
    }

    public void newForm(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        render(res, Status.OK_200, user, new UserForm(0, "", "", "", "editor", true, FormProblems.NONE, null));
    }

    public void create(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        UserForm typed = new UserForm(0, FormBody.field(req, "username").strip(), FormBody.field(req, "email").strip(),
                FormBody.field(req, "display_name"), FormBody.field(req, "role"), true, FormProblems.NONE, null);
        ObjectNode body = ApiJson.MAPPER.createObjectNode().put("username", typed.username())
                .put("email", typed.email()).put("display_name", typed.displayName()).put("role", typed.role())
                .put("password", FormBody.field(req, "password"));
        try {
            User created = accounts.create(user.caller(), body);
            SiteTemplates.seeOther(res, "/admin/users/" + created.id() + "?created=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, withProblems(typed,
                    FormProblems.of(e.violations(), INPUTS)));
        }
    }

    public void editForm(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        User account = users.find(sql, id(req)).orElseThrow(() -> AdminProblem.notFound("no such user"));
        String notice = req.query().contains("created") ? "Account created."
                : req.query().contains("saved") ? "Saved." : null;
        render(res, Status.OK_200, user, new UserForm(account.id(), account.username(), account.email(),
                account.displayName(), account.role().key(), account.active(), FormProblems.NONE, notice));
    }

    public void update(ServerRequest req, ServerResponse res) {
        SignedIn user = allowed(req);
        long id = id(req);
        User account = users.find(sql, id).orElseThrow(() -> AdminProblem.notFound("no such user"));
        // An unticked checkbox is not sent at all.
        boolean active = !FormBody.field(req, "active").isEmpty();
        UserForm typed = new UserForm(id, account.username(), FormBody.field(req, "email").strip(),
                FormBody.field(req, "display_name"), FormBody.field(req, "role"), active, FormProblems.NONE, null);
        ObjectNode body = ApiJson.MAPPER.createObjectNode().put("email", typed.email())
                .put("display_name", typed.displayName()).put("role", typed.role()).put("active", active);
        try {
            accounts.update(user.caller(), id, body);
            SiteTemplates.seeOther(res, "/admin/users/" + id + "?saved=1");
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, withProblems(typed,
                    FormProblems.of(e.violations(), INPUTS)));
        } catch (AdminProblem p) {
            if (!"last_administrator".equals(p.code())) {
                throw p;
            }
            render(res, p.status(), user, withProblems(typed, FormProblems.general(
                    "This is the only active administrator; make another account an administrator first.")));
        }
    }

    // The links are shown to administrators only; anyone else is refused all the same.
    private SignedIn allowed(ServerRequest req) {
        SignedIn user = sessions.signedIn(req);
        if (!user.may(Permission.MANAGE_USERS)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not manage users");
        }
        return user;
    }

    private void render(ServerResponse res, Status status, SignedIn user, UserForm form) {
        String title = form.isNew() ? "New user" : "User " + form.username();
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((form.problems().any() ? "Not saved: " : "") + title, user, "users"));
        params.put("form", form);
        templates.render(res, status, "user-form.jte", params);
    }

    private static UserForm withProblems(UserForm form, FormProblems problems) {
        return new UserForm(form.id(), form.username(), form.email(), form.displayName(), form.role(), form.active(),
                problems, null);
    }

    static long id(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)
                || Long.parseLong(text) < 1) {
            throw AdminProblem.notFound("no such record");
        }
        return Long.parseLong(text);
    }
}
