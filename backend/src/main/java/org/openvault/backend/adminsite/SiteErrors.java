package org.openvault.backend.adminsite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.UnavailableException;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.database.DatabaseException;
import org.openvault.backend.database.DatabaseUnavailableException;
import org.openvault.backend.database.SqlStates;
import org.openvault.backend.validation.ValidationException;

/**
 * Failures on the web admin's pages as HTML error pages (the JSON API keeps its problems): not signed in goes to the
 * login form, and the rest becomes a page with the status and a sentence an editor can act on.
 */
public final class SiteErrors {

    private static final Logger LOG = Logger.getLogger(SiteErrors.class.getName());

    private final SiteTemplates templates;

    public SiteErrors(SiteTemplates templates) {
        this.templates = templates;
    }

    public void handle(ServerRequest req, ServerResponse res, Throwable e) {
        switch (e) {
            case AdminProblem p when p.status() == Status.UNAUTHORIZED_401 -> toLogin(req, res);
            case AdminProblem p -> {
                p.headers().forEach(res::header);
                page(res, p.status(), message(p));
            }
            case ApiException a -> page(res, a.status(), a.getMessage());
            case HttpException h -> page(res, h.status(), h.status() == Status.NOT_FOUND_404
                    ? "There is no such page in the admin." : h.status().reasonPhrase());
            case ValidationException v -> page(res, Status.UNPROCESSABLE_CONTENT_422, "Some fields are not valid.");
            case DatabaseUnavailableException d -> busy(res);
            case UnavailableException m -> busy(res);
            case DatabaseException d when SqlStates.isTransient(SqlStates.of(d)) -> busy(res);
            case RequestException r -> page(res, Status.BAD_REQUEST_400, "The request was malformed.");
            case IllegalArgumentException i -> page(res, Status.BAD_REQUEST_400, "The request was malformed.");
            default -> {
                LOG.log(Level.SEVERE, "Unexpected error on " + req.prologue().uriPath().rawPath(), e);
                page(res, Status.INTERNAL_SERVER_ERROR_500,
                        "Something went wrong on our side. Please try again; if it keeps happening, tell a developer.");
            }
        }
    }

    /** Renders the error page with {@code status}; also used by handlers for a plain 404. */
    public void page(ServerResponse res, Status status, String message) {
        templates.render(res, status, "error.jte", Map.of(
                "chrome", new Chrome(status.code() + " " + status.reasonPhrase(), null, ""),
                "heading", heading(status), "message", message));
    }

    // After logging in the editor comes back to the page they asked for (GETs only: a form post cannot be replayed).
    private static void toLogin(ServerRequest req, ServerResponse res) {
        String path = req.prologue().uriPath().rawPath();
        String query = req.prologue().query().rawValue();
        boolean get = !Authenticator.isUnsafe(req.prologue().method());
        String next = get ? path + (query.isEmpty() ? "" : "?" + query) : "";
        SiteTemplates.seeOther(res, next.isEmpty() || !LoginPages.isSafeNext(next) ? LoginPages.PATH
                : LoginPages.PATH + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private void busy(ServerResponse res) {
        res.header("Retry-After", "1");
        page(res, Status.SERVICE_UNAVAILABLE_503,
                "The server is busy or cannot reach its database or image storage. Try again in a moment.");
    }

    private static String message(AdminProblem p) {
        return switch (p.code()) {
            case "csrf_failed" -> "This form came from another site or has expired. Go back, reload the page and"
                    + " try again.";
            case "forbidden" -> "Your role may not do this.";
            case "not_found" -> "There is no such page in the admin.";
            default -> p.getMessage();
        };
    }

    private static String heading(Status status) {
        return switch (status.code()) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 503 -> "Temporarily unavailable";
            default -> status.code() >= 500 ? "Something went wrong" : "Cannot do that";
        };
    }
}
