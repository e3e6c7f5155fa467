package org.openvault.backend.redirects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiErrors;
import org.openvault.backend.api.SitePath;

/**
 * {@code /api/v2/redirects/}: old site URLs. {@code ?path=/exhibits/julia_child} answers the one entry covering
 * that path ({@code {"from", "to", "permanent"}}) or 404; without {@code path} every entry in the usual envelope.
 */
public final class RedirectsService implements HttpService {

    private final RedirectRepository redirects;

    public RedirectsService(RedirectRepository redirects) {
        this.redirects = redirects;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::lookup);
    }

    private void lookup(ServerRequest req, ServerResponse res) {
        Optional<String> path = req.query().first("path").asOptional();
        if (path.isEmpty()) {
            List<Redirect> all = redirects.all();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("meta", Map.of("total_count", all.size()));
            body.put("items", all.stream().map(RedirectsService::json).toList());
            res.send(body);
            return;
        }
        String normalised = SitePath.normalised(path.get());
        Optional<Redirect> found = redirects.forPath(normalised);
        if (found.isEmpty()) {
            ApiErrors.send(res, Status.NOT_FOUND_404, "no redirect for " + normalised);
            return;
        }
        res.send(json(found.get()));
    }

    private static Map<String, Object> json(Redirect redirect) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", redirect.oldPath());
        json.put("to", redirect.target());
        json.put("permanent", redirect.permanent());
        return json;
    }
}
