package org.openvault.backend.staticpages;

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
 * {@code /api/v2/static_pages/}: the live static pages in the API envelope (for menus and the sitemap), or with
 * {@code ?path=/about} the one page at that site path, with its body ({@code 404} when there is none).
 */
public final class StaticPagesService implements HttpService {

    public static final String TYPE = "staticpages.StaticPage";

    private final StaticPageRepository pages;

    public StaticPagesService(StaticPageRepository pages) {
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> path = req.query().first("path").asOptional();
        if (path.isPresent()) {
            String normalised = SitePath.normalised(path.get());
            Optional<StaticPage> page = pages.byPath(normalised);
            if (page.isEmpty()) {
                ApiErrors.send(res, Status.NOT_FOUND_404, "No StaticPage matches the given query.");
                return;
            }
            res.send(json(page.get(), true));
            return;
        }
        List<StaticPage> all = pages.all();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("total_count", all.size()));
        body.put("items", all.stream().map(page -> json(page, false)).toList());
        res.send(body);
    }

    private static Map<String, Object> json(StaticPage page, boolean withBody) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", TYPE);
        meta.put("slug", page.slug());
        meta.put("path", page.path());
        meta.put("search_description", page.searchDescription());
        meta.put("last_published_at", page.lastPublishedAt());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", page.id());
        json.put("meta", meta);
        json.put("title", page.title());
        json.put("subtitle", page.subtitle());
        if (withBody) {
            json.put("body", page.body());
        }
        return json;
    }
}
