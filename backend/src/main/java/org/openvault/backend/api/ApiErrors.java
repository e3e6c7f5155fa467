package org.openvault.backend.api;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
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
        routing.error(ApiException.class, (req, res, e) -> send(res, e.status(), e.getMessage()));
        routing.error(DatabaseUnavailableException.class, ApiErrors::unavailable);
        routing.error(HttpException.class, ApiErrors::httpError);
        routing.error(RequestException.class, ApiErrors::badRequest);
        routing.error(IllegalArgumentException.class, ApiErrors::badRequest);
        routing.error(RuntimeException.class, ApiErrors::unexpected);
    }

    public static void send(ServerResponse res, Status status, String message) {
        ApiJson.send(res.status(status), Map.of("message", message));
    }

    /** Helidon's own answers (no route: 404) in the API's shape. */
    private static void httpError(ServerRequest req, ServerResponse res, HttpException e) {
        send(res, e.status(), e.status() == Status.NOT_FOUND_404 ? "not found" : e.status().reasonPhrase());
    }

    /** Malformed requests Helidon itself rejects (bad percent-encoding in the query and the like). */
    private static void badRequest(ServerRequest req, ServerResponse res, RuntimeException e) {
        send(res, Status.BAD_REQUEST_400, "malformed request");
    }

    private static void unavailable(ServerRequest req, ServerResponse res, DatabaseUnavailableException e) {
        LOG.warning(e.getMessage());
        send(res, Status.SERVICE_UNAVAILABLE_503, "Service temporarily unavailable");
    }

    private static void unexpected(ServerRequest req, ServerResponse res, RuntimeException e) {
        LOG.log(Level.SEVERE, "Unexpected error on " + req.path().rawPath(), e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    }
}
