package org.openvault.backend.adminsite;

import java.util.HashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.ClientAddress;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.LoginService;

/**
 * The login form and the logout button. Logins go through {@link LoginService}, the JSON login's own rules (throttle,
 * bounded hashing, audit); with no session yet there is no CSRF token, so the login form is held to its Origin.
 */
public final class LoginPages {

    public static final String PATH = "/admin/login";
    private static final String HOME = "/admin/";
    private static final int MAX_FIELD = 1024;

    private final LoginService logins;
    private final Authenticator authenticator;
    private final SiteTemplates templates;

    public LoginPages(LoginService logins, Authenticator authenticator, SiteTemplates templates) {
        this.logins = logins;
        this.authenticator = authenticator;
        this.templates = templates;
    }

    /** Only a path inside the admin: a login link must not send the editor to another site. */
    static boolean isSafeNext(String next) {
        return next != null && next.startsWith(HOME) && next.length() <= 2000 && !next.contains("//")
                && !next.contains("\\") && next.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                && !next.startsWith(PATH);
    }

    public void form(ServerRequest req, ServerResponse res) {
        String next = req.query().contains("next") ? req.query().get("next") : "";
        render(res, Status.OK_200, "", isSafeNext(next) ? next : "", null);
    }

    public void submit(ServerRequest req, ServerResponse res) {
        authenticator.checkOrigin(req, false);
        String username = FormBody.field(req, "username").strip();
        String password = FormBody.field(req, "password");
        String next = FormBody.field(req, "next");
        String safeNext = isSafeNext(next) ? next : "";
        if (username.isEmpty() || password.isEmpty() || username.length() > MAX_FIELD || password.length() > MAX_FIELD) {
            render(res, Status.BAD_REQUEST_400, username.length() > MAX_FIELD ? "" : username, safeNext,
                    "Enter your username and password.");
            return;
        }
        LoginService.Login login;
        try {
            login = logins.logIn(username, password, ClientAddress.of(req));
        } catch (AdminProblem problem) {
            problem.headers().forEach(res::header);
            render(res, problem.status(), username, safeNext, message(problem));
            return;
        }
        logins.setCookie(res, login);
        SiteTemplates.seeOther(res, safeNext.isEmpty() ? HOME : safeNext);
    }

    public void logOut(ServerRequest req, ServerResponse res) {
        // authenticate() holds the form's csrf_token against the session: another site cannot log editors out.
        Caller caller = authenticator.authenticate(req);
        logins.logOut(caller);
        LoginService.clearCookie(res);
        SiteTemplates.seeOther(res, PATH);
    }

    private void render(ServerResponse res, Status status, String username, String next, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Log in", null, "login"));
        params.put("username", username);
        params.put("next", next);
        params.put("error", error);
        templates.render(res, status, "login.jte", params);
    }

    private static String message(AdminProblem problem) {
        return switch (problem.code()) {
            case "invalid_credentials" -> "The username or password is wrong.";
            case "too_many_attempts" -> "Too many failed logins. " + capitalised(problem.getMessage()
                    .substring(problem.getMessage().indexOf(';') + 1).strip()) + ".";
            case "busy" -> "The server is busy checking other logins. Try again in a moment.";
            default -> problem.getMessage();
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
