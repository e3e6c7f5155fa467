package org.openvault.frontend.search;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;

/**
 * The search page's American Archive tab, asked on the server: {@code {host}/api.json?q=…&rows=10}
 * with a total time limit ({@code ov.aapb.search-timeout-ms}). Switched off when {@code ov.aapb.host} is empty.
 * A failure of any kind becomes the tab's error state; it never fails the page.
 */
public final class AapbSearch {

    private static final Logger LOG = Logger.getLogger(AapbSearch.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 10;
    private static final int DESCRIPTION_LENGTH = 200;
    // Ten records with their PBCore XML are some tens of kB; a larger answer is refused, never held in memory.
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String GBH_RECORDS = "+AND+(contributing_organizations:%20WGBH(MA)%20OR%20"
            + "producing_organizations:%20WGBH%20Educational%20Foundation)&f[access_types][]=online";

    private final String host;
    private final Duration timeout;
    private final HttpClient client;

    public AapbSearch(Config aapb) {
        String configured = aapb.get("host").asString().orElse("https://americanarchive.org").strip();
        this.host = configured.replaceAll("/+$", "");
        this.timeout = Duration.ofMillis(aapb.get("search-timeout-ms").asInt().orElse(2000));
        this.client = host.isEmpty() ? null : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public boolean enabled() {
        return client != null;
    }

    /** The first AAPB records matching {@code q}, or the failed state; takes at most the timeout. */
    public AapbResults search(String q) {
        String searchUrl = host + "/catalog?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + GBH_RECORDS;
        CompletableFuture<HttpResponse<byte[]>> call = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(host + "/api.json?q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20") + "&rows=" + ROWS))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            call = client.sendAsync(request, BoundedBody.handler(MAX_BODY_BYTES));
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                LOG.warning("AAPB search answered " + response.statusCode());
                return AapbResults.failed(searchUrl);
            }
            return read(JSON.readTree(response.body()), q, searchUrl);
        } catch (TimeoutException e) {
            LOG.warning("AAPB search took longer than " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | IOException | RuntimeException e) {
            LOG.warning("AAPB search failed: " + e);
        }
        if (call != null) {
            call.cancel(true);
        }
        return AapbResults.failed(searchUrl);
    }

    private AapbResults read(JsonNode body, String q, String searchUrl) {
        JsonNode response = body.path("response");
        if (!response.path("numFound").canConvertToLong() || !response.path("docs").isArray()) {
            LOG.warning("AAPB search answered without response.numFound and response.docs");
            return AapbResults.failed(searchUrl);
        }
        List<AapbResults.Hit> hits = new ArrayList<>();
        for (JsonNode doc : response.path("docs")) {
            String id = doc.path("id").asText("");
            if (id.isBlank() || hits.size() == ROWS) {
                continue;
            }
            String title = text(doc.path("title"));
            String description = PbcoreDescriptions.of(doc.path("xml").asText(""));
            if (description.length() > DESCRIPTION_LENGTH) {
                description = description.substring(0, DESCRIPTION_LENGTH) + "...";
            }
            hits.add(new AapbResults.Hit(host + "/catalog/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                    QueryMarks.html(title.isBlank() ? "Untitled record" : title, q), QueryMarks.html(description, q)));
        }
        return new AapbResults(false, response.path("numFound").asLong(), hits, searchUrl);
    }

    /** A Solr field as text: a string, or the values of a multi-valued field joined by "; ". */
    private static String text(JsonNode field) {
        if (!field.isArray()) {
            return field.asText("");
        }
        List<String> values = new ArrayList<>();
        field.forEach(value -> values.add(value.asText("")));
        return String.join("; ", values);
    }
}
