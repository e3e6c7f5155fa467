package org.openvault.frontend.pages;

import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.PageLink;
import org.openvault.frontend.rendering.Templates;

/** {@code /exhibits/{slug}} and {@code /collections/{slug}}: a CMS page, looked up by slug. */
public final class PageSite implements HttpService {

    private final BackendApi api;
    private final Templates templates;

    public PageSite(BackendApi api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exhibits/{slug}", (req, res) -> page(req, res, PageLink.EXHIBIT, "exhibits"))
                .get("/collections/{slug}", (req, res) -> page(req, res, PageLink.COLLECTION, "collections"));
    }

    private void page(ServerRequest req, ServerResponse res, String type, String section) {
        String slug = req.path().pathParameters().get("slug");
        Optional<PageLink> page = api.pageBySlug(slug).filter(p -> type.equals(p.type()));
        if (page.isEmpty()) {
            templates.notFound(res, "No " + section + " called: " + slug);
            return;
        }
        templates.render(res, Status.OK_200, "page.jte", Map.of("page", page.get()));
    }
}
