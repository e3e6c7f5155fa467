package org.openvault.proxy.middleware;

import java.util.List;

import org.openvault.proxy.routing.Middleware;
import org.openvault.proxy.rules.RequestFacts;

/**
 * A middleware every engine runs, because all it does is one of: answer at once ({@link #answer}), or change
 * headers on the way up and on the way back. The Helidon engine calls it through {@link Middleware#handle}, the
 * event-loop engine through these methods; both get their values from the same code.
 */
public interface PortableMiddleware extends Middleware {

    /** A header to set on a message, or to remove when its value is empty. */
    record HeaderChange(String name, String value) {
    }

    /** An answer the proxy gives itself, with no body. */
    record Answer(int status, String reason, List<HeaderChange> headers) {
    }

    /** Header changes for the request sent upstream. */
    default List<HeaderChange> upstreamHeaders() {
        return List.of();
    }

    /** Header changes for the answer, on a TLS connection or not. */
    default List<HeaderChange> responseHeaders(boolean secure) {
        return List.of();
    }

    /** This middleware's own answer to the request (raw path and query as sent), or null to pass it on. */
    default Answer answer(RequestFacts request, String rawPath, String query) {
        return null;
    }
}
