package org.openvault.proxy.middleware;

import java.util.List;

import io.helidon.http.HeaderNames;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** Removes the first matching prefix from the upstream path and tells the upstream with X-Forwarded-Prefix. */
record StripPrefix(List<String> prefixes) implements Middleware {

    StripPrefix {
        prefixes = List.copyOf(prefixes);
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        String path = exchange.upstreamPath();
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                exchange.upstreamPath(rest.startsWith("/") ? rest : "/" + rest);
                exchange.upstreamHeader(HeaderNames.X_FORWARDED_PREFIX, prefix);
                break;
            }
        }
        next.proceed(exchange);
    }
}
