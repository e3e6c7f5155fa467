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

    public static RunningBackend start(TestDatabase db) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of(
                                "server.port", "0",
                                "server.host", "127.0.0.1",
                                "ov.db.url", db.url(),
                                "ov.db.user", db.user(),
                                "ov.db.password", db.password(),
                                "ov.db.migrate", "true")),
                        ConfigSources.classpath("application.yaml"))
                .build();
        return new RunningBackend(Main.start(config));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + backend.port();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode getJson(String pathAndQuery) {
        try {
            return JSON.readTree(get(pathAndQuery).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
