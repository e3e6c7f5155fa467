package org.openvault.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openvault.testing.TestDatabase;

/** A backend started on a free port over the test database (migrated on start), and a small HTTP client for it. */
public final class RunningBackend implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Main.Backend backend;

    private RunningBackend(Main.Backend backend) {
        this.backend = backend;
    }

    /** The preview secret every test backend uses, so tests can sign tokens. */
    public static final String PREVIEW_SECRET = "test-preview-secret";

    public static RunningBackend start(TestDatabase db) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "ov.db.url", db.url(),
                "ov.db.user", db.user(),
                "ov.db.password", db.password(),
                "ov.db.migrate", "true",
                "ov.preview.secret", PREVIEW_SECRET));
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
                .build();
        return new RunningBackend(Main.start(config));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + backend.port();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
