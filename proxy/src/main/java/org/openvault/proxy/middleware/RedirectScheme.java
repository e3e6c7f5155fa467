package org.openvault.proxy.middleware;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/**
 * Redirects to the same host, path and query on another scheme: permanent is 301 for GET/HEAD and 308 otherwise
 * (so clients keep method and body), temporary is 302/307. Port 443 (https) or 80 (http) is left out of the URL.
 */
final class RedirectScheme implements Middleware {

    private final String scheme;
    private final int port;
    private final boolean permanent;

    RedirectScheme(String scheme, int port, boolean permanent) {
        this.scheme = scheme;
        this.port = port;
        this.permanent = permanent;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        String host = exchange.host();
        if (!host.matches("[a-z0-9.-]+|\\[[0-9a-f:.]+]")) {
            host = "localhost";
        }
        boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String query = exchange.request().query().rawValue();
        String location = scheme + "://" + host + (defaultPort ? "" : ":" + port)
                + exchange.request().path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        Method method = exchange.request().prologue().method();
        boolean keepsMethod = method != Method.GET && method != Method.HEAD;
        Status status = permanent
                ? (keepsMethod ? Status.PERMANENT_REDIRECT_308 : Status.MOVED_PERMANENTLY_301)
                : (keepsMethod ? Status.TEMPORARY_REDIRECT_307 : Status.FOUND_302);
        exchange.status(status.code());
        exchange.markResponded();
        exchange.applyResponseHeaders();
        exchange.response().status(status).header(HeaderNames.LOCATION, location).send();
    }
}
