package org.openvault.backend.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v2/pages/}: every live page, whatever its type, in the Wagtail API v2 envelope. */
public final class PagesService implements HttpService {

    private final PageRepository pages;

    public PagesService(PageRepository pages) {
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<PageSummary> found = pages.livePages(req.query().first("slug").asOptional());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("total_count", found.size()));
        body.put("items", found.stream().map(PagesService::item).toList());
        res.send(body);
    }

    private static Map<String, Object> item(PageSummary page) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", page.type());
        meta.put("slug", page.slug());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", page.id());
        item.put("meta", meta);
        item.put("title", page.title());
        return item;
    }
}
