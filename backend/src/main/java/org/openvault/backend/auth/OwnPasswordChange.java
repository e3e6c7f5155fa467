package org.openvault.backend.auth;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * Changing one's own password ({@code current_password}, {@code new_password}): the rules, the throttle and the check
 * of the current password, for the JSON API and the web admin alike. The current one is asked for, so a session left
 * open on a shared computer cannot take the account over; other sessions end, this one stays.
 */
public final class OwnPasswordChange {

    private final Sql sql;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final PasswordChange passwordChange;

    public OwnPasswordChange(Sql sql, UserRepository users, PasswordHasher hasher, LoginThrottle throttle,
                             PasswordChange passwordChange) {
        this.sql = sql;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.passwordChange = passwordChange;
    }

    /** Throws a ValidationException (bad fields, wrong current password) or a 429 AdminProblem (throttled). */
    public void change(Caller caller, ObjectNode body) {
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
    }
}
