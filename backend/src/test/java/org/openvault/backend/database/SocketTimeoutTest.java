package org.openvault.backend.database;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connections to PostgreSQL that go silent (packets dropped, no reset) fail after the socket timeout, so a request
 * on them gets 503 with Retry-After in seconds instead of hanging for the kernel's ~15 minutes of retransmissions;
 * the pool then opens new connections and the API answers again.
 */
class SocketTimeoutTest {

    @Test
    void aSilentConnectionGives503AfterTheSocketTimeoutAndThePoolRecovers() throws Exception {
        TestDatabase db = TestDatabase.get();
        URI server = URI.create(db.url().substring("jdbc:".length()));
        try (SilentNetwork network = new SilentNetwork(server.getHost(), server.getPort());
             RunningBackend backend = RunningBackend.start(db, Map.of(
                     "ov.db.url", "jdbc:postgresql://127.0.0.1:" + network.port() + server.getPath(),
                     "ov.db.socket-timeout-seconds", "2", "ov.db.pool.size", "1",
                     "ov.scheduler.enabled", "false"))) {
            assertEquals(200, backend.get("/api/v2/pages/?offset=0").statusCode());
            network.silence();
            HttpResponse<String> during = backend.send(HttpRequest.newBuilder(
                    URI.create(backend.baseUrl() + "/api/v2/pages/?offset=1")).timeout(Duration.ofSeconds(30)).build());
            assertEquals(503, during.statusCode(), during.body());
            assertEquals("1", during.headers().firstValue("Retry-After").orElse(""));
            HttpResponse<String> after = backend.get("/api/v2/pages/?offset=2");
            assertEquals(200, after.statusCode(), after.body());
        }
    }
}
