package org.openvault.proxy.middleware;

import java.util.List;

import io.helidon.http.Status;
import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Lets through only clients whose address (after trusted proxies) lies in one of the ranges; 403 otherwise. */
record IpAllowList(List<AddressRange> ranges) implements Middleware {

    IpAllowList {
        ranges = List.copyOf(ranges);
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        for (AddressRange range : ranges) {
            if (range.contains(exchange.clientAddress())) {
                next.proceed(exchange);
                return;
            }
        }
        exchange.sendError(Status.FORBIDDEN_403, "Forbidden.");
    }
}
