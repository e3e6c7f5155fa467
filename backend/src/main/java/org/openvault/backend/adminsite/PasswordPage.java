package org.openvault.backend.adminsite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.FormBody;
import org.openvault.backend.auth.OwnPasswordChange;
import org.openvault.backend.validation.ValidationException;

/**
 * {@code /admin/account/password}: the signed-in editor changes their own password through {@link OwnPasswordChange},
 * the JSON API's own rules and throttle; the repeated new password is the form's only check of its own.
 */
public final class PasswordPage {

    static final String PATH = "/admin/account/password";
    private static final Map<String, String> INPUTS = Map.of(
            "/current_password", "current_password", "/new_password", "new_password");

    private final OwnPasswordChange change;
    private final SiteSessions sessions;
    private final SiteTemplates templates;

    public PasswordPage(OwnPasswordChange change, SiteSessions sessions, SiteTemplates templates) {
        this.change = change;
        this.sessions = sessions;
        this.templates = templates;
    }

    public void form(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        render(res, Status.OK_200, user, FormProblems.NONE,
                req.query().contains("changed") ? "Password changed. Your other sessions have been logged out." : null);
    }

    public void submit(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        String current = FormBody.field(req, "current_password");
        String next = FormBody.field(req, "new_password");
        // Checked first: a typo in the repetition must not count as a wrong password against the throttle.
        if (!next.equals(FormBody.field(req, "repeat_password"))) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, new FormProblems(
                    Map.of("repeat_password", List.of("The two new passwords do not match.")), List.of()), null);
            return;
        }
        try {
            change.change(user.caller(), ApiJson.MAPPER.createObjectNode()
                    .put("current_password", current).put("new_password", next));
        } catch (ValidationException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, user, FormProblems.of(e.violations(), INPUTS), null);
            return;
        } catch (AdminProblem p) {
            if (!"too_many_attempts".equals(p.code())) {
                throw p;
            }
            p.headers().forEach(res::header);
            render(res, p.status(), user, FormProblems.general(p.getMessage()), null);
            return;
        }
        SiteTemplates.seeOther(res, PATH + "?changed=1");
    }

    private void render(ServerResponse res, Status status, SignedIn user, FormProblems problems, String notice) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome((problems.any() ? "Not changed: " : "") + "Change your password", user,
                "account"));
        params.put("problems", problems);
        params.put("notice", notice);
        templates.render(res, status, "password.jte", params);
    }
}
