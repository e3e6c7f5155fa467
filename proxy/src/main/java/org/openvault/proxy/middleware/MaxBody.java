package org.openvault.proxy.middleware;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Refuses request bodies over a size: at once by Content-Length, or while streaming a chunked body (413). */
record MaxBody(long maxBytes) implements Middleware {

    @Override
    public void handle(Exchange exchange, Next next) {
        long declared = exchange.request().headers().first(HeaderNames.CONTENT_LENGTH).map(Long::parseLong).orElse(-1L);
        if (declared > maxBytes) {
            exchange.sendError(Status.REQUEST_ENTITY_TOO_LARGE_413, "The request body is larger than " + maxBytes + " bytes.");
            return;
        }
        exchange.maxBodyBytes(maxBytes);
        next.proceed(exchange);
    }
}
