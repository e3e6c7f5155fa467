package org.openvault.proxy.middleware;

import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Gzips text-like responses for clients that accept it (the forwarder does the streaming compression). */
record Compress(int minBytes) implements Middleware {

    @Override
    public void handle(Exchange exchange, Next next) {
        exchange.compress(minBytes);
        next.proceed(exchange);
    }
}
