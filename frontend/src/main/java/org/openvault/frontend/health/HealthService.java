package org.openvault.frontend.health;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /health}: {@code {"status":"ok"}}, what load balancers and probes configured for the site check for;
 * 503 {@code {"status":"draining"}} once the site is stopping, so load balancers stop sending it requests while it
 * still answers them; then every answer also closes its connection, so that kept-alive clients reconnect to another
 * replica.
 */
public final class HealthService implements HttpService {

    private volatile boolean draining;

    /** From now on /health answers 503. */
    public void drain() {
        draining = true;
    }

    /** A routing filter: while draining, the answer carries {@code Connection: close}. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (draining) {
            res.header(HeaderNames.CONNECTION, "close");
        }
        chain.proceed();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (draining) {
            res.status(Status.SERVICE_UNAVAILABLE_503).send("{\"status\":\"draining\"}");
        } else {
            res.send("{\"status\":\"ok\"}");
        }
    }
}
