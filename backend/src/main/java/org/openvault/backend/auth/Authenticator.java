package org.openvault.backend.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.database.Sql;

/**
 * Who is calling: a bearer token ({@code Authorization: Bearer ov_…}) or the web admin's session cookie, checked
 * against PostgreSQL on every request so that a logout or revocation on one replica holds on all of them at once.
 * Unsafe requests on a cookie session also need the session's CSRF token ({@code X-CSRF-Token}, or a form's
 * {@code csrf_token} field) and an {@code Origin}
 * of this site: the cookie travels with any request the browser makes, the token and the origin only with ours.
 */
public final class Authenticator {

    /** The session cookie: {@code __Host-} binds it to this host, Secure and path {@code /}, so no subdomain can set it. */
    public static final String COOKIE = "__Host-ov_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The CSRF token's field in a form body ({@code application/x-www-form-urlencoded}). */
    public static final String CSRF_FIELD = "csrf_token";

    /** A handler that runs only for an authenticated caller holding the route's permission. */
    @FunctionalInterface
    public interface SecuredHandler {
        void handle(Caller caller, ServerRequest req, ServerResponse res);
    }

    private final Sql sql;
    private final SessionRepository sessions;
    private final AuthSettings settings;

    public Authenticator(Sql sql, SessionRepository sessions, AuthSettings settings) {
        this.sql = sql;
        this.sessions = sessions;
        this.settings = settings;
    }

    /** The route handler: authenticate, check CSRF and origin for cookie sessions, check the permission, then run. */
    public Handler secured(Permission permission, SecuredHandler handler) {
        return (req, res) -> {
            Caller caller = authenticate(req);
            if (!caller.may(permission)) {
                throw AdminProblem.forbidden("your role (" + caller.role().key() + ") may not do this");
            }
            handler.handle(caller, req, res);
        };
    }

    /** The caller of the request, or 401; 403 when a cookie session's unsafe request fails the CSRF checks. */
    public Caller authenticate(ServerRequest req) {
        return authenticate(req, false);
    }

    /**
     * For a web admin form sent as {@code multipart/form-data}, whose CSRF token is a field of the body: checks the
     * session and the Origin now; the caller compares the token read from the body before acting on it.
     */
    public Caller authenticateWithTokenInBody(ServerRequest req) {
        return authenticate(req, true);
    }

    private Caller authenticate(ServerRequest req, boolean tokenInBody) {
        Optional<String> bearer = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
        SessionRepository.ActiveSession session;
        if (bearer.isPresent()) {
            session = find(Caller.SessionKind.TOKEN, bearer.get());
        } else {
            String cookie = req.headers().cookies().first(COOKIE).asOptional().orElse(null);
            if (cookie == null) {
                throw unauthenticated("log in or send a bearer token");
            }
            session = find(Caller.SessionKind.COOKIE, cookie);
            if (isUnsafe(req.prologue().method())) {
                if (tokenInBody) {
                    checkOrigin(req, true);
                } else {
                    checkCsrf(req, session);
                }
            }
        }
        sessions.touch(sql, session.id());
        return new Caller(session.userId(), session.username(), session.role(), session.id(), session.kind(),
                ClientAddress.of(req));
    }

    /** A cross-site page cannot read our CSRF token and cannot forge its Origin. Also used for logins. */
    public void checkOrigin(ServerRequest req, boolean required) {
        // Browsers that send Sec-Fetch-Site say outright when another site made the request.
        if (req.headers().first(HeaderNames.create("Sec-Fetch-Site")).map("cross-site"::equalsIgnoreCase).orElse(false)) {
            throw csrf("cross-site requests are not accepted");
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            if (required) {
                throw csrf("the request has no Origin header");
            }
            return;
        }
        if (!sameSite(req, origin.get())) {
            throw csrf("requests from " + origin.get() + " are not accepted");
        }
    }

    public static boolean isUnsafe(Method method) {
        return !(method == Method.GET || method == Method.HEAD || method == Method.OPTIONS);
    }

    private void checkCsrf(ServerRequest req, SessionRepository.ActiveSession session) {
        checkOrigin(req, true);
        // One rule, two carriers: scripts send the header, plain HTML forms a csrf_token field.
        String token = req.headers().first(HeaderNames.create(CSRF_HEADER))
                .orElseGet(() -> FormBody.isForm(req) ? FormBody.field(req, CSRF_FIELD) : null);
        if (!SessionSecrets.same(token, session.csrfToken())) {
            throw csrf("the " + CSRF_HEADER + " header (or " + CSRF_FIELD + " form field) is missing or wrong");
        }
    }

    private boolean sameSite(ServerRequest req, String origin) {
        if (settings.allowedOrigins().contains(origin)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String lower = authority.toLowerCase(Locale.ROOT);
        return req.headers().first(HeaderNames.X_FORWARDED_HOST).map(h -> matches(h, lower, uri.getScheme())).orElse(false)
                || req.headers().first(HeaderNames.HOST).map(h -> matches(h, lower, uri.getScheme())).orElse(false);
    }

    // A Host header leaves out the default port of its scheme; an Origin may too.
    private static boolean matches(String hostHeader, String originAuthority, String scheme) {
        String host = hostHeader.substring(hostHeader.lastIndexOf(',') + 1).strip().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        return host.equals(originAuthority) || (host + defaultPort).equals(originAuthority)
                || host.equals(originAuthority + defaultPort);
    }

    private SessionRepository.ActiveSession find(Caller.SessionKind kind, String secret) {
        if (secret.isEmpty() || secret.length() > 200) {
            throw unauthenticated("the session or token is not valid");
        }
        return sessions.findActive(sql, kind, SessionSecrets.hash(secret))
                .orElseThrow(() -> unauthenticated("the session or token is not valid (expired, revoked or unknown)"));
    }

    private static AdminProblem unauthenticated(String detail) {
        return new AdminProblem(Status.UNAUTHORIZED_401, "not_authenticated", detail)
                .header("WWW-Authenticate", "Bearer realm=\"openvault-admin\"");
    }

    /** The CSRF token a form carried in its body ({@link #authenticateWithTokenInBody}), against its session's. */
    public static void checkTokenFromBody(String sent, String sessionToken) {
        if (!SessionSecrets.same(sent, sessionToken)) {
            throw csrf("the " + CSRF_FIELD + " form field is missing or wrong");
        }
    }

    private static AdminProblem csrf(String detail) {
        return new AdminProblem(Status.FORBIDDEN_403, "csrf_failed", detail);
    }
}
