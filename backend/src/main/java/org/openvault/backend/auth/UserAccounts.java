package org.openvault.backend.auth;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * Creating and changing accounts, for the JSON API and the web admin alike: the field checks, the taken username,
 * the last-administrator rule (409 {@code last_administrator}), ending a deactivated account's sessions, the audit.
 */
public final class UserAccounts {

    private static final Set<String> CREATE_FIELDS = Set.of("username", "email", "display_name", "role", "password");
    private static final Set<String> UPDATE_FIELDS = Set.of("email", "display_name", "role", "active");

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public UserAccounts(Sql sql, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                        AuditLog audit) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Throws a ValidationException for bad or taken fields. */
    public User create(Caller caller, ObjectNode body) {
        Violations violations = new Violations();
        AccountRules.onlyKnown(body, CREATE_FIELDS, violations);
        String username = AccountRules.username(body, violations);
        String email = AccountRules.email(body, "", violations);
        String displayName = JsonFields.text(body, "", "display_name", "", 150, false, violations);
        Role role = AccountRules.role(body, null, violations);
        String password = AccountRules.newPassword(body, "password", username, violations);
        violations.throwIfAny();
        String hash = hasher.hash(password);
        return sql.inTransaction(tx -> {
            if (users.usernameTaken(tx, username)) {
                Violations taken = new Violations().add("/username", "taken", "this username is taken");
                taken.throwIfAny();
            }
            User user = users.create(tx, new UserRepository.NewUser(username, email, displayName, role, hash));
            audit.record(tx, caller, "user.create", subject(user), Map.of("role", role.key()));
            return user;
        });
    }

    /** Changes the fields given; throws 404, a ValidationException, or 409 when no active administrator would be left. */
    public User update(Caller caller, long id, ObjectNode body) {
        return sql.inTransaction(tx -> {
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
    }

    static AuditLog.Subject subject(User user) {
        return new AuditLog.Subject("user", user.id(), user.username());
    }
}
