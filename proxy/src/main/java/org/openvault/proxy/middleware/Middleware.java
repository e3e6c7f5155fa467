package org.openvault.proxy.middleware;

import java.util.List;

/**
 * A step between a router and its service: it looks at one request and either answers it ({@link Answer}) or sets
 * how it is forwarded ({@link Forwarding}: path, headers both ways, body limit, timeout).
 */
public interface Middleware {

    /** A header to set on a message, or to remove when its value is empty. */
    record HeaderChange(String name, String value) {
    }

    /** A body the proxy sends as it is (the internal entrypoint's /ping and /metrics). */
    record Content(String type, byte[] bytes) {
    }

    /**
     * An answer the proxy gives itself: with {@code message}, a small error page saying it (HTML or JSON by the
     * client's Accept); with {@code content}, that body; with neither (both null), no body (a redirect).
     */
    record Answer(int status, String reason, List<HeaderChange> headers, String message, Content content) {

        public Answer(int status, String reason, List<HeaderChange> headers, String message) {
            this(status, reason, headers, message, null);
        }
    }

    /** This middleware's answer to the request, or null to pass it on (after changing {@code forwarding}). */
    Answer apply(Forwarding forwarding);

    /** The answer headers it sets whatever the request (security headers), on a TLS connection or not. */
    default List<HeaderChange> fixedResponseHeaders(boolean secure) {
        return List.of();
    }
}
