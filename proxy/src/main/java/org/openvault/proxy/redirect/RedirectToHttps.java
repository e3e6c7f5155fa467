package org.openvault.proxy.redirect;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Answers every plain-HTTP request with a permanent redirect to the same host, path and query on HTTPS:
 * 301 for GET and HEAD, 308 for other methods (so browsers keep the method and body).
 */
public final class RedirectToHttps implements Handler {

    private final int httpsPort;

    public RedirectToHttps(int publicHttpsPort) {
        this.httpsPort = publicHttpsPort;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String host = hostWithoutPort(req.headers().first(HeaderNames.HOST).orElse("localhost"));
        String query = req.query().rawValue();
        String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort)
                + req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        Method method = req.prologue().method();
        boolean safe = method == Method.GET || method == Method.HEAD;
        res.status(safe ? Status.MOVED_PERMANENTLY_301 : Status.PERMANENT_REDIRECT_308)
                .header(HeaderNames.LOCATION, location)
                .send();
    }

    static String hostWithoutPort(String hostHeader) {
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : "localhost";
        }
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        return host.matches("[A-Za-z0-9.-]+") ? host : "localhost";
    }
}
