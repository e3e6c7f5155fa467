package org.openvault.backend.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table locked by another session (a migration, a manual fix gone slow) makes the API answer 503 with Retry-After
 * after the statement timeout, instead of holding every pooled connection until the lock goes; the API answers
 * normally again as soon as it is released.
 */
class StatementTimeoutTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aLockedTableGives503QuicklyAndTheApiRecoversWhenItIsReleased() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (RunningBackend backend = RunningBackend.start(db, Map.of("ov.db.statement-timeout-millis", "1000",
                "ov.db.pool.size", "2", "ov.scheduler.enabled", "false"))) {
            assertEquals(200, backend.get("/api/v2/pages/?offset=0").statusCode());
            try (Connection locker = db.connect(); Statement st = locker.createStatement()) {
                locker.setAutoCommit(false);
                st.execute("LOCK TABLE page IN ACCESS EXCLUSIVE MODE");
                // Three times the pool: without a statement timeout all of them would wait for the lock.
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    answers.add(HTTP.sendAsync(HttpRequest.newBuilder(
                                    URI.create(backend.baseUrl() + "/api/v2/pages/?offset=" + i))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> pending : answers) {
                    HttpResponse<String> answer = pending.join();
                    assertEquals(503, answer.statusCode(), answer.body());
                    assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""));
                    assertTrue(answer.headers().firstValue("Content-Type").orElse("").contains("application/json"));
                    assertEquals("Service temporarily unavailable",
                            RunningBackend.json(answer).get("message").asText());
                }
                locker.rollback();
            }
            HttpResponse<String> after = backend.get("/api/v2/pages/?offset=7");
            assertEquals(200, after.statusCode(), after.body());
        }
    }
}
