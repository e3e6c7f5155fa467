package org.openvault.backend.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of logins against a backend allowed one password hash at a time and no waiting for it: the logins that
 * find the hashing slot taken get 503 {@code busy} with Retry-After at once instead of queueing, nothing else fails,
 * and every request is answered.
 */
class HashingFloodTest {

    private static final int CONCURRENT = 40;
    /** Rounds of floods at most, until one has met a taken slot; a round's first login always finds it free. */
    private static final int MAX_ROUNDS = 5;

    @Test
    void aFloodOfConcurrentLoginsGets503BusyWithRetryAfterAndEveryRequestAnAnswer() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (RunningBackend backend = RunningBackend.start(db, Map.of(
                "ov.auth.max-concurrent-hashes", "1",
                "ov.auth.hash-wait-millis", "0"))) {
            AdminFixture.createUser(db, "flood-editor", Role.EDITOR);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int busy = 0;
            for (int round = 0; round < MAX_ROUNDS && busy == 0; round++) {
                List<HttpResponse<String>> answers = flood(client, backend, round);
                assertEquals(CONCURRENT, answers.size());
                int checked = 0;
                for (HttpResponse<String> answer : answers) {
                    int status = answer.statusCode();
                    assertTrue(status == 200 || status == 401 || status == 503, status + ": " + answer.body());
                    if (status == 503) {
                        busy++;
                        assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""), answer.body());
                        assertEquals("application/problem+json",
                                answer.headers().firstValue("Content-Type").orElse(""));
                        assertEquals("busy", RunningBackend.json(answer).get("code").asText(), answer.body());
                    } else {
                        checked++;
                    }
                }
                assertTrue(checked > 0, "the first login of a flood finds the hashing slot free");
            }
            assertTrue(busy > 0, "no login of " + MAX_ROUNDS + " floods of " + CONCURRENT + " met a taken slot");

            // The flood over, logins work as before.
            HttpResponse<String> after = login(client, backend, "flood-editor", AdminFixture.PASSWORD, "192.0.2.250");
            assertEquals(200, after.statusCode(), after.body());
        }
    }

    /**
     * {@value #CONCURRENT} logins sent at once, each from its own address (so the per-address failure limit stays
     * out of it): half with flood-editor's right password, half for unknown accounts (checked against a dummy hash).
     */
    private static List<HttpResponse<String>> flood(HttpClient client, RunningBackend backend, int round)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT);
        try {
            CountDownLatch ready = new CountDownLatch(CONCURRENT);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                boolean known = i % 2 == 0;
                String username = known ? "flood-editor" : "flood-nobody-" + round + "-" + i;
                String password = known ? AdminFixture.PASSWORD : "not a password anyone has";
                String address = "192.0.2." + (round * CONCURRENT + i) % 250;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return login(client, backend, username, password, address);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS)); // an exception here: a request got no answer
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private static HttpResponse<String> login(HttpClient client, RunningBackend backend, String username,
                                              String password, String address) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + AdminApi.V1 + "/session"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(AdminApi.body("username", username, "password", password)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
