package org.openvault.backend.health;

import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /api/v2/health/}: {@code {"status":"ok"}} without touching the database, the answer the Kubernetes
 * liveness and startup probes of existing deployments ask this path for.
 */
public final class ApiHealthService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.any("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        res.send(Map.of("status", "ok"));
    }
}
