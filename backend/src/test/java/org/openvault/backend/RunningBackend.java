package org.openvault.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Path mediaRoot;

    private RunningBackend(Main.Backend backend, Path mediaRoot) {
        this.backend = backend;
        this.mediaRoot = mediaRoot;
    }

    public static RunningBackend start(TestDatabase db) {
        Path mediaRoot = temporaryMediaRoot();
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of(
                                "server.port", "0",
                                "server.host", "127.0.0.1",
                                "ov.db.url", db.url(),
                                "ov.db.user", db.user(),
                                "ov.db.password", db.password(),
                                "ov.db.migrate", "true",
                                "ov.media.root", mediaRoot.toString(),
                                "ov.media.json-cache-seconds", "0")),
                        ConfigSources.classpath("application.yaml"))
                .build();
        return new RunningBackend(Main.start(config), mediaRoot);
    }

    /** The folder of this backend's image files (a fresh temporary folder per backend). */
    public Path mediaRoot() {
        return mediaRoot;
    }

    private static Path temporaryMediaRoot() {
        try {
            return Files.createTempDirectory("ov-media-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    public HttpResponse<byte[]> getBytes(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
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
        try (var files = Files.walk(mediaRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
