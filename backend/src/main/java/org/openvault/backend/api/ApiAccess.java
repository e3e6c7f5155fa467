package org.openvault.backend.api;

import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * What holds for every path under {@code /api/v2/}: CORS for any origin (there only), read-only methods
 * (others get Django REST framework's {@code 405 {"detail":"Method \"POST\" not allowed."}}) and OPTIONS
 * answered here.
 */
public final class ApiAccess {

    private ApiAccess() {
    }

    public static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().rawPath();
        if (!path.startsWith("/api/v2/") && !path.equals("/api/v2")) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        Method method = req.prologue().method();
        if (method == Method.OPTIONS) {
            res.header(HeaderNames.ALLOW, "GET, HEAD, OPTIONS");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
            req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
            res.status(Status.OK_200).send();
            return;
        }
        if (method != Method.GET && method != Method.HEAD) {
            res.header(HeaderNames.ALLOW, "GET, HEAD, OPTIONS");
            ApiJson.send(res.status(Status.METHOD_NOT_ALLOWED_405),
                    Map.of("detail", "Method \"" + method.text() + "\" not allowed."));
            return;
        }
        chain.proceed();
    }
}
