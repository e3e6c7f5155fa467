package org.openvault.backend.responsecache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requests that arrive while their answer is being rendered wait for that rendering: after a change under load, a
 * busy search costs one rendering, not one per request in flight.
 */
class OneRenderingPerAnswerTest {

    private static final int REQUESTS = 6;

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void requestsForASearchBeingRenderedWaitForItsRendering() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(backend.baseUrl() + "/api/v2/search/?q=wombat&per_page=5")).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (Connection locker = backend.db().connect(); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            // Until this transaction ends, every rendering of the search waits for the index.
            st.execute("LOCK TABLE search_document, search_word IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < REQUESTS; i++) {
                responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (long until = System.nanoTime() + 3_000_000_000L; statementsWaitingForTheIndex() == 0
                    && System.nanoTime() < until; ) {
                Thread.sleep(10);
            }
            Thread.sleep(500); // the other requests arrive meanwhile
            assertEquals(1, statementsWaitingForTheIndex(), "renderings of the one search under way");
            locker.rollback();
        }
        List<String> statuses = new ArrayList<>();
        String body = responses.getFirst().join().body();
        for (CompletableFuture<HttpResponse<String>> pending : responses) {
            HttpResponse<String> response = pending.join();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(body, response.body());
            statuses.add(response.headers().firstValue(ResponseCache.STATUS_HEADER).orElse(""));
        }
        assertEquals(1, statuses.stream().filter("MISS"::equals).count(), statuses.toString());
        assertEquals(REQUESTS - 1, statuses.stream().filter("HIT"::equals).count(), statuses.toString());
    }

    private static long statementsWaitingForTheIndex() throws SQLException {
        return backend.db().queryLong("SELECT count(*) FROM pg_locks WHERE NOT granted"
                + " AND relation IN ('search_document'::regclass, 'search_word'::regclass)");
    }
}
