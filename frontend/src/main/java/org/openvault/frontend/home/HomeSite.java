package org.openvault.frontend.home;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.rendering.Templates;

/** {@code /}: the home page, listing what the archive holds. */
public final class HomeSite implements HttpService {

    private final BackendApi api;
    private final Templates templates;

    public HomeSite(BackendApi api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::home);
    }

    private void home(ServerRequest req, ServerResponse res) {
        templates.render(res, Status.OK_200, "home.jte", Map.of("pages", api.allPages()));
    }
}
