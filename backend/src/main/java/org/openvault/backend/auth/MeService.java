package org.openvault.backend.auth;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/me}: the caller's own account, and changing one's own password (the current one is asked for,
 * so a session left open on a shared computer cannot take the account over). Other sessions end; this one stays.
 */
public final class MeService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final PasswordChange passwordChange;

    public MeService(Sql sql, UserRepository users, PasswordHasher hasher, Authenticator authenticator,
                     LoginThrottle throttle, PasswordChange passwordChange) {
        this.sql = sql;
        this.users = users;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.passwordChange = passwordChange;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/password", authenticator.secured(Permission.READ_CONTENT, this::changePassword));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        User user = users.find(sql, caller.userId()).orElseThrow();
        Map<String, Object> json = user.json();
        json.put("permissions", java.util.Arrays.stream(Permission.values()).filter(caller::may)
                .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
        AdminJson.send(res, Status.OK_200, json);
    }

    private void changePassword(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("current_password", "new_password"), violations);
        String current = JsonFields.text(body, "", "current_password", "", PasswordRules.MAX_LENGTH, true, violations);
        String next = AccountRules.newPassword(body, "new_password", caller.username(), violations);
        violations.throwIfAny();
        // Wrong current passwords count as failed logins: a stolen session must not become a password oracle.
        throttle.retryAfter(sql, caller.username(), caller.clientAddress()).ifPresent(wait -> {
            throw new AdminProblem(Status.TOO_MANY_REQUESTS_429, "too_many_attempts",
                    "too many wrong passwords; try again in " + wait.toSeconds() + " seconds")
                    .header("Retry-After", Long.toString(wait.toSeconds()));
        });
        UserRepository.Credentials credentials = users.credentials(sql, caller.username()).orElseThrow();
        if (credentials.passwordHash() == null || !hasher.verify(current, credentials.passwordHash())) {
            sql.inTransaction(tx -> {
                throttle.recordFailure(tx, caller.username(), caller.clientAddress());
                return null;
            });
            new Violations().add("/current_password", "wrong_password", "the current password is wrong").throwIfAny();
        }
        String hash = hasher.hash(next);
        passwordChange.apply(caller, caller.userId(), caller.username(), hash);
        res.status(Status.NO_CONTENT_204).send();
    }
}
