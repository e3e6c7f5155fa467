package org.openvault.backend.api;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminAccess;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.database.DatabaseException;
import org.openvault.backend.database.DatabaseUnavailableException;
import org.openvault.backend.database.SqlStates;
import org.openvault.backend.validation.ValidationException;

/**
 * The one place where failures become error answers: the public API's JSON shape {@code {"message": "..."}}, and
 * RFC 9457 problems ({@link AdminProblem}) under {@code /api/admin/}, and the web admin's HTML error pages under
 * {@code /admin/}.
 */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    private ApiErrors() {
    }

    /**
     * Registers the error answers; failures on the web admin's HTML pages ({@code /admin/}) go to {@code site}
     * instead, which answers with HTML error pages.
     */
    public static void register(HttpRouting.Builder routing, ErrorHandler<Throwable> site) {
        routing.error(ApiException.class, or(site, (req, res, e) -> send(req, res, e.status(), e.getMessage())));
        routing.error(AdminProblem.class, or(site, (req, res, e) -> AdminJson.sendProblem(res, e)));
        routing.error(ValidationException.class, or(site, (req, res, e) -> AdminJson.sendProblem(res,
                new AdminProblem(Status.UNPROCESSABLE_CONTENT_422, "validation_failed",
                        "the request has invalid fields: nothing was stored", e.violations()))));
        routing.error(DatabaseException.class, or(site, ApiErrors::databaseFailure));
        routing.error(DatabaseUnavailableException.class, or(site, ApiErrors::unavailable));
        routing.error(UnavailableException.class, or(site, ApiErrors::partUnavailable));
        routing.error(HttpException.class, or(site, ApiErrors::httpError));
        routing.error(RequestException.class, or(site, ApiErrors::badRequest));
        routing.error(IllegalArgumentException.class, or(site, ApiErrors::badRequest));
        routing.error(RuntimeException.class, or(site, ApiErrors::unexpected));
    }

    // One handler per exception type, routed by path prefix: HTML under /admin/, JSON everywhere else.
    private static <T extends Throwable> ErrorHandler<T> or(ErrorHandler<Throwable> site, ErrorHandler<T> api) {
        return (req, res, e) -> {
            if (AdminAccess.isSitePath(req.prologue().uriPath().rawPath())) {
                site.handle(req, res, e);
            } else {
                api.handle(req, res, e);
            }
        };
    }

    /** Requests Helidon refuses before routing (an undecodable request target): the same JSON shape. */
    public static DirectHandler.TransportResponse malformed(DirectHandler.TransportRequest req, DirectHandler.EventType type,
                                                            Status status, ServerResponseHeaders headers, String message) {
        return direct(status, headers, "malformed request");
    }

    /**
     * Failures before routing that Helidon reports as internal errors. Without a request line read (a method with
     * characters no method may have, {@code G@T}) it is the client's bytes that are not HTTP: 400. Otherwise 500.
     */
    public static DirectHandler.TransportResponse unreadable(DirectHandler.TransportRequest req,
                                                             DirectHandler.EventType type, Status status,
                                                             ServerResponseHeaders headers, String message) {
        return req == DirectHandler.TransportRequest.empty()
                ? direct(Status.BAD_REQUEST_400, headers, "malformed request")
                : direct(status, headers, "Internal server error");
    }

    private static DirectHandler.TransportResponse direct(Status status, ServerResponseHeaders headers, String message) {
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(ApiJson.MAPPER.createObjectNode().put("message", message).toString())
                .keepAlive(false)
                .build();
    }

    public static void send(ServerResponse res, Status status, String message) {
        ApiJson.send(res.status(status), Map.of("message", message));
    }

    /** The error shape of the request's API: a problem under {@code /api/admin/}, {@code {"message"}} elsewhere. */
    public static void send(ServerRequest req, ServerResponse res, Status status, String message) {
        send(req, res, status, codeOf(status), message);
    }

    /** Like {@link #send(ServerRequest, ServerResponse, Status, String)} with the problem's code given. */
    private static void send(ServerRequest req, ServerResponse res, Status status, String code, String message) {
        if (AdminAccess.isAdminPath(req.prologue().uriPath().rawPath())) {
            AdminJson.sendProblem(res, new AdminProblem(status, code, message));
        } else {
            send(res, status, message);
        }
    }

    private static String codeOf(Status status) {
        return switch (status.code()) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 503 -> "unavailable";
            default -> status.code() >= 500 ? "internal_error" : "error";
        };
    }

    /**
     * A statement that failed in the database. Lost connections, a server shutting down, timeouts and transaction
     * conflicts are the database's bad moment (503, the client may retry); anything else is our bug (500).
     */
    private static void databaseFailure(ServerRequest req, ServerResponse res, DatabaseException e) {
        String state = SqlStates.of(e);
        if (state.equals(SqlStates.FOREIGN_KEY_VIOLATION) || state.equals(SqlStates.UNIQUE_VIOLATION)
                || state.equals(SqlStates.CHECK_VIOLATION)) {
            // Checks ran before the write; what still breaks a constraint was changed by someone else meanwhile.
            AdminJson.sendProblem(res, AdminProblem.conflict("conflict", "the change conflicts with the current data ("
                    + SqlStates.constraint(e) + "): something it refers to was changed or removed meanwhile; reload"
                    + " and try again"));
            return;
        }
        if (state.startsWith(SqlStates.DATA_EXCEPTION_CLASS)) {
            // A value PostgreSQL cannot hold (a NUL character, a number out of range) that no check caught first.
            LOG.warning("Value refused by the database (SQLState " + state + "): " + e.getMessage());
            if (AdminAccess.isAdminPath(req.prologue().uriPath().rawPath())) {
                AdminJson.sendProblem(res, new AdminProblem(Status.UNPROCESSABLE_CONTENT_422, "invalid_value",
                        "a value of the request cannot be stored: nothing was stored"));
            } else {
                send(res, Status.BAD_REQUEST_400, "malformed request");
            }
            return;
        }
        if (SqlStates.isTransient(state)) {
            LOG.warning("Database unavailable (SQLState " + state + "): " + e.getMessage());
            sendUnavailable(req, res);
        } else {
            unexpected(req, res, e);
        }
    }

    /** Helidon's own answers (no route: 404) in the API's shape. */
    private static void httpError(ServerRequest req, ServerResponse res, HttpException e) {
        send(req, res, e.status(), e.status() == Status.NOT_FOUND_404 ? "not found" : e.status().reasonPhrase());
    }

    /** Malformed requests Helidon itself rejects (bad percent-encoding in the query and the like). */
    private static void badRequest(ServerRequest req, ServerResponse res, RuntimeException e) {
        send(req, res, Status.BAD_REQUEST_400, "malformed request");
    }

    private static void unavailable(ServerRequest req, ServerResponse res, DatabaseUnavailableException e) {
        LOG.warning(e.getMessage());
        sendUnavailable(req, res);
    }

    /** The database's bad moment, not the request's fault: the client may try again in a second. */
    private static void sendUnavailable(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.RETRY_AFTER, "1");
        send(req, res, Status.SERVICE_UNAVAILABLE_503, "Service temporarily unavailable");
    }

    private static void partUnavailable(ServerRequest req, ServerResponse res, UnavailableException e) {
        res.header(HeaderNames.RETRY_AFTER, "1");
        send(req, res, Status.SERVICE_UNAVAILABLE_503, e.code(), e.getMessage());
    }

    private static void unexpected(ServerRequest req, ServerResponse res, RuntimeException e) {
        LOG.log(Level.SEVERE, "Unexpected error on " + req.prologue().uriPath().rawPath(), e);
        send(req, res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    }
}
