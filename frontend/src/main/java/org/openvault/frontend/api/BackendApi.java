package org.openvault.frontend.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/** The backend's public API, fetched fresh on every request. */
public final class BackendApi {

    private final WebClient client;
    private final Duration timeout;

    public BackendApi(Config api) {
        this.timeout = Duration.ofMillis(api.get("timeout-ms").asInt().orElse(3000));
        this.client = WebClient.builder()
                .baseUri(api.get("url").asString().orElse("http://localhost:8000"))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build();
    }

    /** The live page with this slug, of any type. */
    public Optional<PageLink> pageBySlug(String slug) {
        List<PageLink> pages = pages(slug);
        return pages.isEmpty() ? Optional.empty() : Optional.of(pages.getFirst());
    }

    /** Every live page. */
    public List<PageLink> allPages() {
        return pages(null);
    }

    private List<PageLink> pages(String slug) {
        var request = client.get().path("/api/v2/pages/").readTimeout(timeout);
        if (slug != null) {
            request.queryParam("slug", slug);
        }
        JsonNode body = getJson(request::request);
        List<PageLink> links = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            links.add(new PageLink(item.path("id").asInt(), item.at("/meta/type").asText(),
                    item.at("/meta/slug").asText(), item.path("title").asText()));
        }
        return links;
    }

    private static JsonNode getJson(java.util.function.Supplier<HttpClientResponse> call) {
        try (HttpClientResponse response = call.get()) {
            if (response.status().code() != 200) {
                throw new BackendUnavailableException("Backend answered " + response.status());
            }
            return response.as(JsonNode.class);
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendUnavailableException("Backend unreachable: " + e.getMessage(), e);
        }
    }
}
