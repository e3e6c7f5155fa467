package org.openvault.frontend.rendering;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Requests no browser sends, answered 400 before any page asks the backend: an address with a NUL character (no
 * page has one, and the backend refuses it, which the site would otherwise report as the archive being unreachable),
 * and bytes that are not an HTTP request line at all ({@code G@T /}).
 */
public final class MalformedRequests {

    private final Templates templates;

    public MalformedRequests(Templates templates) {
        this.templates = templates;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (hasNul(req)) {
            templates.clientError(req, res, Status.BAD_REQUEST_400,
                    "This address cannot lead to a page: it contains a NUL character.");
            return;
        }
        chain.proceed();
    }

    private static boolean hasNul(RoutingRequest req) {
        if (req.path().path().indexOf('\0') >= 0) {
            return true;
        }
        for (String name : req.query().names()) {
            if (name.indexOf('\0') >= 0 || req.query().all(name).stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Failures before routing that Helidon reports as internal errors: without a request line read, the client's
     * bytes are not HTTP (400); otherwise the default 500.
     */
    public static DirectHandler.TransportResponse unreadable(DirectHandler.TransportRequest req,
                                                             DirectHandler.EventType type, Status status,
                                                             ServerResponseHeaders headers, String message) {
        boolean noRequestLine = req == DirectHandler.TransportRequest.empty();
        return DirectHandler.TransportResponse.builder()
                .status(noRequestLine ? Status.BAD_REQUEST_400 : status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .entity(noRequestLine ? "Bad request" : "Internal server error")
                .keepAlive(false)
                .build();
    }
}
