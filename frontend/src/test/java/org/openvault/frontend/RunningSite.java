package org.openvault.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openvault.testing.TestDatabase;

/**
 * A real backend over the test PostgreSQL (migrated, with the site fixture content and the demo content) and the frontend in front of
 * it, both started in-process on free ports once per test JVM; plus a small HTTP client.
 */
final class RunningSite {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String PUBLIC_URL = "https://openvault.example.org";
    static final String AAPB = "https://aapb.example.org";

    static final String PREVIEW_SECRET = "site-test-preview-secret";

    private static RunningSite shared;

    final TestDatabase db = TestDatabase.get();
    final org.openvault.backend.Main.Backend backend;
    final WebServer frontend;

    private RunningSite() {
        java.nio.file.Path media = java.nio.file.Path.of("target", "test-media").toAbsolutePath();
        int port = freePort();
        backend = startBackend(db, Map.of("server.port", Integer.toString(port),
                "ov.media.root", media.toString(), "ov.media.base-url", "http://127.0.0.1:" + port));
        db.execute(fixture());
        try (java.sql.Connection connection = db.connect()) {
            org.openvault.db.DemoContent.load(connection);
            org.openvault.db.DemoImages.load(connection, media);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        frontend = startFrontend("http://127.0.0.1:" + backend.port(), Map.of());
    }

    static synchronized RunningSite get() {
        if (shared == null) {
            shared = new RunningSite();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.frontend.stop();
                shared.backend.close();
            }));
        }
        return shared;
    }

    static org.openvault.backend.Main.Backend startBackend(TestDatabase db) {
        return startBackend(db, Map.of());
    }

    static org.openvault.backend.Main.Backend startBackend(TestDatabase db, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "server.port", "0", "server.host", "127.0.0.1",
                "ov.db.url", db.url(), "ov.db.user", db.user(), "ov.db.password", db.password(),
                "ov.db.migrate", "true", "ov.preview.secret", PREVIEW_SECRET,
                "server.connection-options.tcp-no-delay", "true",
                // Tests write content straight into PostgreSQL and read it at once: ask for the version every time.
                "ov.db.listen-for-changes", "false"));
        values.putAll(extra);
        return org.openvault.backend.Main.start(config(values));
    }

    /** A free port for the backend, whose media URLs must name it before it starts. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebServer startFrontend(String backendUrl, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "server.port", "0", "server.host", "127.0.0.1",
                "ov.api.url", backendUrl, "ov.api.timeout-ms", "10000", "ov.api.cache.fresh-ms", "0",
                "ov.site.public-url", PUBLIC_URL, "ov.aapb.host", AAPB, "ov.site.image-origins", backendUrl,
                "server.connection-options.tcp-no-delay", "true"));
        values.putAll(extra);
        return Main.start(config(values));
    }

    String url(String path) {
        return "http://127.0.0.1:" + frontend.port() + path;
    }

    HttpResponse<String> get(String path, String... headers) {
        return get(frontend, path, headers);
    }

    Document html(String path) {
        HttpResponse<String> response = get(path);
        return Jsoup.parse(response.body(), url(path));
    }

    static HttpResponse<String> get(WebServer server, String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> getBytes(WebServer server, String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fixture() {
        try (InputStream in = RunningSite.class.getResourceAsStream("/site-fixture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Config config(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values))
                .build();
    }
}
