package org.openvault.backend.health;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.openvault.backend.Main;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTest {

    @Test
    void healthAndReadinessWithTheDatabaseUp() {
        try (RunningBackend backend = RunningBackend.start(TestDatabase.get())) {
            assertEquals("{\"status\":\"ok\"}", backend.get("/api/v2/health/").body());
            assertEquals(200, backend.get("/observe/health/ready").statusCode());
            assertEquals(200, backend.get("/observe/health/live").statusCode());
        }
    }

    @Test
    void notReadyButAliveWhileTheDatabaseIsUnreachable() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of(
                                "server.port", "0",
                                "ov.db.url", "jdbc:postgresql://127.0.0.1:9/none",
                                "ov.db.connect-timeout-seconds", "1")),
                        ConfigSources.classpath("application.yaml"))
                .build();
        try (Main.Backend backend = Main.start(config)) {
            var http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + backend.port();
            assertEquals(503, status(http, base + "/observe/health/ready"));
            assertEquals(200, status(http, base + "/observe/health/live"));
            assertEquals(200, status(http, base + "/api/v2/health/"));
            assertEquals(503, status(http, base + "/api/v2/pages/?slug=x"), "a clear 503, not a 500");
        }
    }

    @Test
    void stoppingTurnsReadinessDownFirstWhileRequestsAreStillAnswered() throws Exception {
        TestDatabase db = TestDatabase.get();
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of("server.port", "0", "ov.db.url", db.url(), "ov.db.user", db.user(),
                                "ov.db.password", db.password(), "ov.db.migrate", "true")),
                        ConfigSources.classpath("application.yaml"))
                .build();
        Main.Backend backend = Main.start(config);
        var http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + backend.port();
        assertEquals(200, status(http, base + "/observe/health/ready"));
        Thread stopping = Thread.ofVirtual().start(() -> backend.drainAndClose(java.time.Duration.ofSeconds(2)));
        int ready = 200;
        for (int i = 0; i < 100 && ready == 200; i++) {
            Thread.sleep(10);
            ready = status(http, base + "/observe/health/ready");
        }
        assertEquals(503, ready, "readiness is down while draining");
        assertEquals(200, status(http, base + "/api/v2/pages/"), "requests are still answered");
        assertEquals(200, status(http, base + "/observe/health/live"));
        String head = org.openvault.testing.RawHttp.head(backend.port(), "/api/v2/health/")
                .toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.startsWith("http/1.1 200") && head.contains("connection: close"),
                "a kept-alive client is told to reconnect: " + head);
        stopping.join();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> status(http, base + "/api/v2/health/"), "the listener closed after the drain");
    }

    private static int status(java.net.http.HttpClient http, String url) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
