package org.openvault.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

/**
 * How the site asks the backend under load: one call per answer however many visitors want it at once, and answers
 * refreshed in the background before they stop being fresh, so steady traffic never waits for the backend. The
 * backend is reached through a relay that counts the calls and can hold each one back.
 */
class BackendAnswersTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final String PAGE = "/exhibits/voices-of-the-vietnam-era";
    private static final String DETAIL_CALL = "/api/v2/pages/";

    @Test
    void visitorsAskingForTheSamePageAtOnceCostOneBackendCallPerAnswer() throws Exception {
        AtomicLong delay = new AtomicLong(400);
        try (FakeHttpServer relay = relayToBackend(delay)) {
            WebServer frontend = RunningSite.startFrontend(relay.url(), Map.of("ov.api.cache.fresh-ms", "60000"));
            try (ExecutorService visitors = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Callable<Integer>> requests = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    requests.add(() -> RunningSite.get(frontend, PAGE).statusCode());
                }
                for (Future<Integer> status : visitors.invokeAll(requests)) {
                    assertEquals(200, status.get());
                }
            } finally {
                frontend.stop();
            }
            List<String> calls = relay.requests();
            assertEquals(calls.stream().distinct().count(), calls.size(), "each answer asked for once: " + calls);
            assertTrue(calls.stream().anyMatch(call -> call.startsWith(DETAIL_CALL)), calls::toString);
        }
    }

    @Test
    void steadyTrafficIsServedFromAnswersRefreshedBeforeTheyExpire() throws Exception {
        AtomicLong delay = new AtomicLong(0);
        try (FakeHttpServer relay = relayToBackend(delay)) {
            WebServer frontend = RunningSite.startFrontend(relay.url(), Map.of("ov.api.cache.fresh-ms", "1000"));
            try {
                assertEquals("MISS", RunningSite.get(frontend, PAGE).headers().firstValue("x-cache").orElse(""));
                // From here on every backend call is slow; a visitor who had to wait for one would see a MISS.
                delay.set(200);
                long until = System.nanoTime() + 3_500_000_000L;
                List<String> misses = new ArrayList<>();
                int served = 0;
                while (System.nanoTime() < until) {
                    HttpResponse<String> page = RunningSite.get(frontend, PAGE);
                    assertEquals(200, page.statusCode());
                    String cache = page.headers().firstValue("x-cache").orElse("");
                    if (!cache.equals("HIT")) {
                        misses.add(cache + " after " + served);
                    }
                    served++;
                    Thread.sleep(50);
                }
                assertEquals(List.of(), misses, "every page after the first built from answers in hand");
                long detailCalls = relay.requests().stream().filter(call -> call.startsWith(DETAIL_CALL)).count();
                assertTrue(detailCalls >= 3, "the answers were refreshed meanwhile, not served past their second: "
                        + relay.requests());
            } finally {
                frontend.stop();
            }
        }
    }

    /** Forwards every GET to the running backend, answering after {@code delay} milliseconds. */
    static FakeHttpServer relayToBackend(AtomicLong delay) {
        return relayToBackend(delay, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** Like {@link #relayToBackend(AtomicLong)}; while {@code down} is set, every call gets a 503. */
    static FakeHttpServer relayToBackend(AtomicLong delay, java.util.concurrent.atomic.AtomicBoolean down) {
        String backend = "http://127.0.0.1:" + SITE.backend.port();
        return FakeHttpServer.start((path, query) -> {
            if (down.get()) {
                return new FakeHttpServer.Answer(503, "application/json", "{\"message\":\"down\"}", 0);
            }
            try {
                HttpResponse<String> answer = RunningSite.HTTP.send(HttpRequest.newBuilder(
                        URI.create(backend + path + (query == null ? "" : "?" + query))).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new FakeHttpServer.Answer(answer.statusCode(),
                        answer.headers().firstValue("content-type").orElse("application/json"), answer.body(),
                        delay.get());
            } catch (Exception e) {
                return new FakeHttpServer.Answer(502, "text/plain", e.toString(), 0);
            }
        });
    }
}
