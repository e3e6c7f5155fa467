package org.openvault.frontend.staticpages;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.content.SafeHtml;
import org.openvault.frontend.redirects.LegacyRedirects;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;

/**
 * Every path no other route takes: a static CMS page at that path (/about, /faq, /credits/…), else an old URL the
 * backend knows (redirect), else the 404 page inside the site.
 */
public final class StaticPageSite implements HttpService {

    private static final Logger LOG = Logger.getLogger(StaticPageSite.class.getName());

    private final BackendApi api;
    private final Templates templates;
    private final LegacyRedirects redirects;

    public StaticPageSite(BackendApi api, Templates templates, LegacyRedirects redirects) {
        this.api = api;
        this.templates = templates;
        this.redirects = redirects;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::page);
    }

    private void page(ServerRequest req, ServerResponse res) {
        String path = req.path().absolute().path();
        BackendApi.Reads reads = api.reads();
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD) {
            templates.clientError(req, res, Status.METHOD_NOT_ALLOWED_405, "This site only serves pages to read.");
            return;
        }
        if (path.length() > 1 && path.length() < 300) {
            BackendApi.Answer answer = reads.get("/api/v2/static_pages/", "path", path);
            if (answer.ok()) {
                Optional<JsonNode> parent = parentPage(reads, path);
                render(req, res, reads, templates, answer.body(), parent.map(p -> p.at("/meta/path").asText()).orElse(null),
                        parent.map(p -> "Back to " + p.path("title").asText("")).orElse(null));
                return;
            }
        }
        Optional<LegacyRedirects.Target> moved = Optional.empty();
        try {
            moved = redirects.find(reads, path);
        } catch (BackendUnavailableException e) {
            LOG.fine(() -> "No redirect lookup for " + path + ": " + e.getMessage());
        }
        if (moved.isPresent()) {
            LegacyRedirects.send(res, moved.get());
            return;
        }
        templates.notFound(req, res, reads, "No page found for: " + path);
    }

    /** The static page one level up (/credits for /credits/vietnam), if there is one: sub-pages link back to it. */
    private static Optional<JsonNode> parentPage(BackendApi.Reads reads, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            BackendApi.Answer parent = reads.get("/api/v2/static_pages/", "path", trimmed.substring(0, slash));
            return parent.ok() ? Optional.of(parent.body()) : Optional.empty();
        } catch (BackendUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Renders a static page answer, with a link back to {@code backHref} when it is given (else null). */
    public static void render(ServerRequest req, ServerResponse res, BackendApi.Reads reads, Templates templates,
                              JsonNode page, String backHref, String backLabel) {
        String title = page.path("title").asText("");
        PageMeta meta = PageMeta.of(title, page.at("/meta/search_description").asText(""),
                page.at("/meta/path").asText(req.path().absolute().path()));
        Map<String, Object> params = new HashMap<>(Map.of(
                "title", title,
                "subtitle", page.path("subtitle").asText(""),
                "body", SafeHtml.richText(page.path("body").asText(""))));
        if (backHref != null) {
            params.put("backHref", backHref);
            params.put("backLabel", backLabel);
        }
        templates.render(req, res, reads, Status.OK_200, "static-page.jte", meta, params);
    }
}
