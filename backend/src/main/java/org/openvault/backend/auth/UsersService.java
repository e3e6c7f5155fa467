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
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/users}: administrators list, create and change accounts and set their passwords. Accounts are
 * deactivated rather than deleted, so the audit log and revisions keep naming who did what. Deactivating an account
 * or changing its password ends its sessions and tokens; no change may leave the site without an active administrator.
 */
public final class UsersService implements HttpService {

    private static final Set<String> CREATE_FIELDS = Set.of("username", "email", "display_name", "role", "password");
    private static final Set<String> UPDATE_FIELDS = Set.of("email", "display_name", "role", "active");

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final PasswordChange passwordChange;

    public UsersService(Sql sql, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                        Authenticator authenticator, AuditLog audit, PasswordChange passwordChange) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.audit = audit;
        this.passwordChange = passwordChange;
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
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        AccountRules.onlyKnown(body, CREATE_FIELDS, violations);
        String username = AccountRules.username(body, violations);
        String email = AccountRules.email(body, "", violations);
        String displayName = JsonFields.text(body, "", "display_name", "", 150, false, violations);
        Role role = AccountRules.role(body, null, violations);
        String password = AccountRules.newPassword(body, "password", username, violations);
        violations.throwIfAny();
        String hash = hasher.hash(password);
        User created = sql.inTransaction(tx -> {
            if (users.usernameTaken(tx, username)) {
                Violations taken = new Violations().add("/username", "taken", "this username is taken");
                taken.throwIfAny();
            }
            User user = users.create(tx, new UserRepository.NewUser(username, email, displayName, role, hash));
            audit.record(tx, caller, "user.create", subject(user), Map.of("role", role.key()));
            return user;
        });
        res.header(HeaderNames.LOCATION, "/api/admin/v1/users/" + created.id());
        AdminJson.send(res, Status.CREATED_201, created.json());
    }

    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        ObjectNode body = AdminJson.readObject(req);
        User updated = sql.inTransaction(tx -> {
            User current = users.find(tx, id).orElseThrow(() -> AdminProblem.notFound("no such user"));
            Violations violations = new Violations();
            AccountRules.onlyKnown(body, UPDATE_FIELDS, violations);
            String email = AccountRules.email(body, current.email(), violations);
            String displayName = JsonFields.text(body, "", "display_name", current.displayName(), 150, false,
                    violations);
            Role role = AccountRules.role(body, current.role(), violations);
            boolean active = JsonFields.bool(body, "", "active", current.active(), violations);
            violations.throwIfAny();
            boolean losesAdmin = current.role() == Role.ADMINISTRATOR && current.active()
                    && (role != Role.ADMINISTRATOR || !active);
            if (losesAdmin && users.otherActiveAdministrators(tx, id) == 0) {
                throw AdminProblem.conflict("last_administrator",
                        "this is the only active administrator; make another one first");
            }
            User user = users.update(tx, id, email, displayName, role, active).orElseThrow();
            if (!active && current.active()) {
                sessions.revokeAllOf(tx, id, -1);
            }
            audit.record(tx, caller, "user.update", subject(user), Map.of(
                    "role", role.key(), "active", active, "email", email, "display_name", displayName));
            return user;
        });
        AdminJson.send(res, Status.OK_200, updated.json());
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

    static AuditLog.Subject subject(User user) {
        return new AuditLog.Subject("user", user.id(), user.username());
    }

    private static long id(ServerRequest req) {
        return AdminParameters.pathId(req, "id", Long.MAX_VALUE, "user");
    }
}
