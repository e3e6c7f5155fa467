package org.openvault.backend.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.database.Sql;

/**
 * {@code /api/admin/v1/session}: log in with username and password (the web admin's session cookie plus its CSRF
 * token), see the current session, log out. Failed logins are counted and slowed down ({@link LoginThrottle}), and
 * password checks are bounded ({@link PasswordHasher}), so a flood of logins costs neither accounts nor the CPU.
 */
public final class SessionService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final LoginService logins;
    private final Authenticator authenticator;

    public SessionService(Sql sql, UserRepository users, LoginService logins, Authenticator authenticator) {
        this.sql = sql;
        this.users = users;
        this.logins = logins;
        this.authenticator = authenticator;
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
        LoginService.Login login = logins.logIn(username, password, ClientAddress.of(req));
        logins.setCookie(res, login);
        AdminJson.send(res, Status.OK_200, sessionJson(login.user(), login.csrf(), login.expiresAt()));
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
        logins.logOut(caller);
        LoginService.clearCookie(res);
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
