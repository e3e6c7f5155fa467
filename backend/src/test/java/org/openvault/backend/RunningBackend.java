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

    /** The API's public origin every test backend is given ({@code ov.api.url}): detail_url and find/ use it. */
    public static final String API_URL = "http://api.openvault.test";

    /** The setting that makes a test backend listen for content changes, as deployed backends do. */
    public static final Map<String, String> LISTENING = Map.of("ov.db.listen-for-changes", "true");

    /** The preview secret every test backend uses, so tests can sign tokens. */
    public static final String PREVIEW_SECRET = "test-preview-secret";

    public static RunningBackend start(TestDatabase db) {
        return start(db, Map.of());
    }

    /**
     * A backend with some settings changed ({@code ov.scheduler.interval-seconds} → {@code 1}…). Tests write content
     * straight into PostgreSQL and read it in their next request, so a test backend asks the database for the content
     * version on every request unless {@link #LISTENING} is among the settings (as a deployed backend runs).
     */
    public static RunningBackend start(TestDatabase db, Map<String, String> extraSettings) {
        Path mediaRoot = temporaryMediaRoot();
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "ov.db.url", db.url(),
                "ov.db.user", db.user(),
                "ov.db.password", db.password(),
                "ov.db.migrate", "true",
                "ov.preview.secret", PREVIEW_SECRET,
                "ov.api.url", API_URL,
                "ov.media.root", mediaRoot.toString(),
                "ov.db.listen-for-changes", "false"));
        settings.putAll(extraSettings);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
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

    /** The path pattern of every route the backend serves (as registered, e.g. {@code /api/v2/pages/{id}}). */
    public java.util.List<String> routes() {
        return backend.routes();
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
        try (var files = Files.walk(mediaRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
