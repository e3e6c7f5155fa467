package org.openvault.proxy.middleware;

import java.util.List;

import io.helidon.http.Status;
import org.openvault.proxy.rules.RequestFacts;

/**
 * Redirects to the same host, path and query on another scheme: permanent is 301 for GET/HEAD and 308 otherwise
 * (so clients keep method and body), temporary is 302/307. Port 443 (https) or 80 (http) is left out of the URL.
 */
final class RedirectScheme implements PortableMiddleware {

    private final String scheme;
    private final int port;
    private final boolean permanent;

    RedirectScheme(String scheme, int port, boolean permanent) {
        this.scheme = scheme;
        this.port = port;
        this.permanent = permanent;
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        RequestFacts request = forwarding.request();
        String rawPath = forwarding.rawPath();
        String query = forwarding.query();
        String host = request.host();
        if (!host.matches("[a-z0-9.-]+|\\[[0-9a-f:.]+]")) {
            host = "localhost";
        }
        boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String location = scheme + "://" + host + (defaultPort ? "" : ":" + port) + rawPath
                + (query.isEmpty() ? "" : "?" + query);
        boolean keepsMethod = !request.method().equals("GET") && !request.method().equals("HEAD");
        Status status = permanent
                ? (keepsMethod ? Status.PERMANENT_REDIRECT_308 : Status.MOVED_PERMANENTLY_301)
                : (keepsMethod ? Status.TEMPORARY_REDIRECT_307 : Status.FOUND_302);
        return new Answer(status.code(), status.reasonPhrase(), List.of(new HeaderChange("Location", location)), null);
    }
}
