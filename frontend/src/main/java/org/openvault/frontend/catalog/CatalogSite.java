package org.openvault.frontend.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.rendering.PageRoutes;
import org.openvault.frontend.rendering.Templates;

/**
 * Old catalog URLs. {@code /catalog} (the old catalog search) is refused with 418 on purpose; {@code /catalog/{id}}
 * asks Organ ({@code ov.organ.url}) for the record's AAPB GUID and redirects there. Without Organ it is a 404.
 */
public final class CatalogSite implements HttpService {

    private static final Logger LOG = Logger.getLogger(CatalogSite.class.getName());
    private static final Status TEAPOT = Status.create(418, "I'm a teapot");

    private final WebClient organ;
    private final Duration timeout;
    private final Templates templates;

    public CatalogSite(Config organ, Templates templates) {
        this.templates = templates;
        this.timeout = Duration.ofMillis(organ.get("timeout-ms").asInt().orElse(3000));
        String url = organ.get("url").asString().orElse("");
        this.organ = url.isBlank() ? null : WebClient.builder().baseUri(url).connectTimeout(timeout).readTimeout(timeout)
                .build();
    }

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, (req, res) -> res.status(TEAPOT).send(), "/catalog", "/catalog/");
        PageRoutes.page(rules, this::record, "/catalog/{id}", "/catalog/{id}/");
    }

    private void record(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (organ == null) {
            templates.notFound(req, res, null, "Catalog ID not found: " + id);
            return;
        }
        String guid;
        try (HttpClientResponse answer = organ.get().path("/ov/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .readTimeout(timeout).request()) {
            if (answer.status().code() == 404) {
                templates.notFound(req, res, null, "Catalog ID not found: " + id
                        + ". No American Archive record matches this Open Vault catalog ID.");
                return;
            }
            if (answer.status().code() != 200) {
                throw new IllegalStateException("Organ answered " + answer.status());
            }
            guid = answer.as(JsonNode.class).path("guid").asText("");
        } catch (RuntimeException e) {
            LOG.warning("Resolving catalog ID " + id + " failed: " + e.getMessage());
            templates.unavailable(req, res);
            return;
        }
        if (guid.isBlank()) {
            templates.notFound(req, res, null, "Catalog ID not found: " + id);
            return;
        }
        res.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, "https://americanarchive.org/catalog/" + URLEncoder.encode(guid, StandardCharsets.UTF_8))
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=3600")
                .send();
    }
}
