package org.openvault.proxy.middleware;

import java.time.Duration;

import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Answers 504 when the upstream has not answered within this time (shorter than the service's own timeout). */
record RequestTimeout(Duration timeout) implements Middleware {

    @Override
    public void handle(Exchange exchange, Next next) {
        exchange.timeout(timeout);
        next.proceed(exchange);
    }
}
