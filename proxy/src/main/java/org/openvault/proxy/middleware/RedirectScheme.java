package org.openvault.proxy.middleware;

import java.util.List;

import org.openvault.proxy.rules.RequestFacts;

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
        int status = permanent ? (keepsMethod ? 308 : 301) : (keepsMethod ? 307 : 302);
        String reason = switch (status) {
            case 308 -> "Permanent Redirect";
            case 301 -> "Moved Permanently";
            case 307 -> "Temporary Redirect";
            default -> "Found";
        };
        return new Answer(status, reason, List.of(new HeaderChange("Location", location)), null);
    }
}
