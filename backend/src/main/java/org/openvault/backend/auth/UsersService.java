package org.openvault.backend.auth;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/users}: administrators list, create and change accounts and set their passwords. Accounts are
 * deactivated rather than deleted, so the audit log and revisions keep naming who did what. Deactivating an account
 * or changing its password ends its sessions and tokens; no change may leave the site without an active administrator.
 */
public final class UsersService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final PasswordChange passwordChange;
    private final UserAccounts accounts;

    public UsersService(Sql sql, UserRepository users, PasswordHasher hasher, Authenticator authenticator,
                        PasswordChange passwordChange, UserAccounts accounts) {
        this.sql = sql;
        this.users = users;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.passwordChange = passwordChange;
        this.accounts = accounts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.MANAGE_USERS, this::list))
                .post("/", authenticator.secured(Permission.MANAGE_USERS, this::create))
                .get("/{id}", authenticator.secured(Permission.MANAGE_USERS, this::show))
                .patch("/{id}", authenticator.secured(Permission.MANAGE_USERS, this::update))
                .put("/{id}/password", authenticator.secured(Permission.MANAGE_USERS, this::setPassword));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        String search = req.query().contains("search") ? req.query().get("search") : null;
        var items = users.list(sql, search, paging.limit(), paging.offset()).stream()
                .map(User::json).toList();
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset", paging.offset()));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        AdminJson.send(res, Status.OK_200, find(id(req)).json());
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        User created = accounts.create(caller, AdminJson.readObject(req));
        res.header(HeaderNames.LOCATION, "/api/admin/v1/users/" + created.id());
        AdminJson.send(res, Status.CREATED_201, created.json());
    }

    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        AdminJson.send(res, Status.OK_200, accounts.update(caller, id, AdminJson.readObject(req)).json());
    }

    private void setPassword(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        ObjectNode body = AdminJson.readObject(req);
        User user = find(id);
        Violations violations = new Violations();
        AccountRules.onlyKnown(body, Set.of("password"), violations);
        String password = AccountRules.newPassword(body, "password", user.username(), violations);
        violations.throwIfAny();
        String hash = hasher.hash(password);
        passwordChange.apply(caller, id, user.username(), hash);
        res.status(Status.NO_CONTENT_204).send();
    }

    private User find(long id) {
        return users.find(sql, id).orElseThrow(() -> AdminProblem.notFound("no such user"));
    }

    private static long id(ServerRequest req) {
        return AdminParameters.pathId(req, "id", Long.MAX_VALUE, "user");
    }
}
