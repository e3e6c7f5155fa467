package org.openvault.backend.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;

/**
 * Logging in and out with username and password, for the JSON admin API and the web admin alike, so both share one
 * throttle ({@link LoginThrottle}: 429), one bounded password check ({@link PasswordHasher}: 503) and one audit trail.
 */
public final class LoginService {

    /** A new cookie session: its secret (the cookie's value) and CSRF token. */
    public record Login(User user, String secret, String csrf, String expiresAt) {
    }

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final AuthSettings settings;

    public LoginService(Sql sql, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
                        LoginThrottle throttle, AuditLog audit, AuthSettings settings) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.settings = settings;
    }

    /** Checks the password and opens a cookie session; refuses with 401, 429 (throttled) or 503 (hashing busy). */
    public Login logIn(String username, String password, String address) {
        Optional<Duration> wait = throttle.retryAfter(sql, username, address);
        if (wait.isPresent()) {
            throw new AdminProblem(Status.TOO_MANY_REQUESTS_429, "too_many_attempts",
                    "too many failed logins; try again in " + wait.get().toSeconds() + " seconds")
                    .header(HeaderNames.RETRY_AFTER.defaultCase(), Long.toString(wait.get().toSeconds()));
        }
        Optional<UserRepository.Credentials> account = users.credentials(sql, username);
        if (!checkPassword(account, password)) {
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
        String rehash = hasher.needsRehash(account.get().passwordHash()) ? hasher.hash(password) : null;
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
        return new Login(user, secret, csrf, created.expiresAt());
    }

    /** Revokes the caller's session (on every replica at once: sessions live in PostgreSQL). */
    public void logOut(Caller caller) {
        sql.inTransaction(tx -> {
            sessions.revoke(tx, caller.sessionId());
            audit.record(tx, caller, "logout", new AuditLog.Subject("user", caller.userId(), caller.username()),
                    Map.of("session_id", caller.sessionId()));
            return null;
        });
    }

    /** Sets the session cookie of {@code login}. */
    public void setCookie(ServerResponse res, Login login) {
        res.headers().addCookie(cookie(login.secret(), settings.sessionLifetime()));
    }

    /** Tells the browser to forget the session cookie. */
    public static void clearCookie(ServerResponse res) {
        res.headers().addCookie(cookie("", Duration.ZERO));
    }

    private static SetCookie cookie(String value, Duration maxAge) {
        return SetCookie.builder(Authenticator.COOKIE, value)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
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
}
