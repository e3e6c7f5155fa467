package org.openvault.backend.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;

/**
 * {@code /api/admin/v1/session}: log in with username and password (the web admin's session cookie plus its CSRF
 * token), see the current session, log out. Failed logins are counted and slowed down ({@link LoginThrottle}), and
 * password checks are bounded ({@link PasswordHasher}), so a flood of logins costs neither accounts nor the CPU.
 */
public final class SessionService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final AuthSettings settings;

    public SessionService(Sql sql, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                          LoginThrottle throttle, Authenticator authenticator, AuditLog audit, AuthSettings settings) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.authenticator = authenticator;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::logIn)
                .get("/", authenticator.secured(Permission.READ_CONTENT, this::current))
                .delete("/", authenticator.secured(Permission.READ_CONTENT, this::logOut));
    }

    private void logIn(ServerRequest req, ServerResponse res) {
        authenticator.checkOrigin(req, false);
        ObjectNode body = AdminJson.readObject(req);
        String username = credential(body, "username");
        String password = credential(body, "password");
        String address = ClientAddress.of(req);
        Optional<Duration> wait = throttle.retryAfter(sql, username, address);
        if (wait.isPresent()) {
            throw new AdminProblem(Status.TOO_MANY_REQUESTS_429, "too_many_attempts",
                    "too many failed logins; try again in " + wait.get().toSeconds() + " seconds")
                    .header(HeaderNames.RETRY_AFTER.defaultCase(), Long.toString(wait.get().toSeconds()));
        }
        Optional<UserRepository.Credentials> account = users.credentials(sql, username);
        boolean valid = checkPassword(account, password);
        if (!valid) {
            sql.inTransaction(tx -> {
                throttle.recordFailure(tx, username, address);
                audit.record(tx, new AuditLog.Actor(account.map(a -> a.user().id()).orElse(null), username, address),
                        "login_failed", account.map(a -> new AuditLog.Subject("user", a.user().id(), a.user().username()))
                                .orElse(AuditLog.Subject.NONE), Map.of());
                return null;
            });
            throw new AdminProblem(Status.UNAUTHORIZED_401, "invalid_credentials", "the username or password is wrong");
        }
        User user = account.orElseThrow().user();
        String secret = SessionSecrets.newSecret("");
        String csrf = SessionSecrets.newSecret("");
        String storedHash = account.get().passwordHash();
        String rehash = hasher.needsRehash(storedHash) ? hasher.hash(password) : null;
        SessionRepository.Created created = sql.inTransaction(tx -> {
            throttle.clearAccount(tx, username);
            users.recordLogin(tx, user.id());
            if (rehash != null) {
                users.setPasswordHash(tx, user.id(), rehash);
            }
            SessionRepository.Created session = sessions.create(tx, user.id(), Caller.SessionKind.COOKIE,
                    SessionSecrets.hash(secret), csrf, "", settings.sessionLifetime().toSeconds(), null, address);
            audit.record(tx, new AuditLog.Actor(user.id(), user.username(), address), "login",
                    new AuditLog.Subject("user", user.id(), user.username()), Map.of("session_id", session.id()));
            return session;
        });
        res.headers().addCookie(SetCookie.builder(Authenticator.COOKIE, secret)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .maxAge(settings.sessionLifetime())
                .build());
        AdminJson.send(res, Status.OK_200, sessionJson(user, csrf, created.expiresAt()));
    }

    private boolean checkPassword(Optional<UserRepository.Credentials> account, String password) {
        try {
            if (account.isEmpty() || account.get().passwordHash() == null || !account.get().user().active()) {
                hasher.verifyAgainstNothing(password);
                return false;
            }
            return hasher.verify(password, account.get().passwordHash());
        } catch (HashingBusyException e) {
            throw new AdminProblem(Status.SERVICE_UNAVAILABLE_503, "busy", e.getMessage())
                    .header(HeaderNames.RETRY_AFTER.defaultCase(), "1");
        }
    }

    private void current(Caller caller, ServerRequest req, ServerResponse res) {
        User user = users.find(sql, caller.userId()).orElseThrow();
        Map<String, Object> body = sql.one("SELECT csrf_token, "
                        + org.openvault.backend.pages.PageRepository.TS.formatted("expires_at")
                        + " AS expires_at FROM auth_session WHERE id = ?",
                rs -> sessionJson(user, rs.getString("csrf_token"), rs.getString("expires_at")), caller.sessionId())
                .orElseThrow();
        body.put("kind", caller.kind() == Caller.SessionKind.COOKIE ? "cookie" : "token");
        AdminJson.send(res, Status.OK_200, body);
    }

    private void logOut(Caller caller, ServerRequest req, ServerResponse res) {
        sql.inTransaction(tx -> {
            sessions.revoke(tx, caller.sessionId());
            audit.record(tx, caller, "logout", new AuditLog.Subject("user", caller.userId(), caller.username()),
                    Map.of("session_id", caller.sessionId()));
            return null;
        });
        res.headers().addCookie(SetCookie.builder(Authenticator.COOKIE, "")
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .maxAge(Duration.ZERO)
                .build());
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Map<String, Object> sessionJson(User user, String csrf, String expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user.json());
        body.put("csrf_token", csrf);
        body.put("expires_at", expiresAt);
        return body;
    }

    private static String credential(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new org.openvault.backend.validation.ValidationException(java.util.List.of(
                    new org.openvault.backend.validation.Violation("/" + field, "required", field + " is required")));
        }
        if (value.asText().length() > 1024) {
            throw new org.openvault.backend.validation.ValidationException(java.util.List.of(
                    new org.openvault.backend.validation.Violation("/" + field, "too_long", field + " is too long")));
        }
        return value.asText();
    }
}
