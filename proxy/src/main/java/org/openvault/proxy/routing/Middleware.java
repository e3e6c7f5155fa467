package org.openvault.proxy.routing;

/** A step between a router and its service: it may change the exchange, answer itself, or pass it on. */
@FunctionalInterface
public interface Middleware {

    void handle(Exchange exchange, Next next);

    /** The rest of the chain (further middlewares, then the service). */
    @FunctionalInterface
    interface Next {
        void proceed(Exchange exchange);
    }
}
