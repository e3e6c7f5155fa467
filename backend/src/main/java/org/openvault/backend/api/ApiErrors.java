package org.openvault.backend.api;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.database.DatabaseUnavailableException;

/** The one place where failures become the API's JSON error shape {@code {"message": "..."}}. */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    private ApiErrors() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(DatabaseUnavailableException.class, ApiErrors::unavailable);
        routing.error(HttpException.class, ApiErrors::http);
        routing.error(RuntimeException.class, ApiErrors::unexpected);
    }

    public static void send(ServerResponse res, Status status, String message) {
        res.status(status).send(Map.of("message", message));
    }

    private static void unavailable(ServerRequest req, ServerResponse res, DatabaseUnavailableException e) {
        LOG.warning(e.getMessage());
        send(res, Status.SERVICE_UNAVAILABLE_503, "Service temporarily unavailable");
    }

    /** Helidon's own 4xx (no route, bad request line, …) keep their status instead of becoming a 500. */
    private static void http(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().code() >= 500) {
            unexpected(req, res, e);
        } else {
            send(res, e.status(), e.status().code() == 404 ? "not found" : e.status().reasonPhrase());
        }
    }

    private static void unexpected(ServerRequest req, ServerResponse res, RuntimeException e) {
        LOG.log(Level.SEVERE, "Unexpected error on " + req.path().rawPath(), e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    }
}
