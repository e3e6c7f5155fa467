package org.openvault.proxy.middleware;

import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Puts a prefix in front of the upstream path. */
record AddPrefix(String prefix) implements Middleware {

    AddPrefix {
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        exchange.upstreamPath(prefix + exchange.upstreamPath());
        next.proceed(exchange);
    }
}
