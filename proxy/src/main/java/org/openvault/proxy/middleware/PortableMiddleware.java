package org.openvault.proxy.middleware;

import java.util.List;

import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/**
 * A middleware as every engine runs it: it looks at one request and either answers it ({@link Answer}) or sets how
 * it is forwarded ({@link Forwarding}: path, headers both ways, body limit, timeout). The event-loop engine calls
 * {@link #apply} directly; the Helidon engine through {@link #handle}.
 */
public interface PortableMiddleware extends Middleware {

    /** A header to set on a message, or to remove when its value is empty. */
    record HeaderChange(String name, String value) {
    }

    /**
     * An answer the proxy gives itself: with {@code message}, a small error page saying it (HTML or JSON by the
     * client's Accept); without (null), no body (a redirect).
     */
    record Answer(int status, String reason, List<HeaderChange> headers, String message) {
    }

    /** This middleware's answer to the request, or null to pass it on (after changing {@code forwarding}). */
    Answer apply(Forwarding forwarding);

    /** The answer headers it sets whatever the request (security headers), on a TLS connection or not. */
    default List<HeaderChange> fixedResponseHeaders(boolean secure) {
        return List.of();
    }

    @Override
    default void handle(Exchange exchange, Next next) {
        Answer answer = apply(exchange.forwarding());
        if (answer == null) {
            next.proceed(exchange);
        } else {
            exchange.answer(answer);
        }
    }
}
