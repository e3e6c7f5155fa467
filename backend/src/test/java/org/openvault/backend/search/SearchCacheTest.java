package org.openvault.backend.search;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.responsecache.ResponseCache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search answers are kept until the content changes: a repeated search, however it is written, reads nothing from
 * the search index, and the first search after a committed change sees the change. The backend asks the database
 * for the content version on every request here (not listening), so that each change shows at once.
 */
class SearchCacheTest {

    /** A statement that waits for the locked index gives up quickly: its request answers 503. */
    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture(
            Map.of("ov.db.statement-timeout-millis", "300"));

    @AfterAll
    static void removeSearchFixtures() {
        SearchApiTest.deleteFixtures();
    }

    @Test
    void aRepeatedSearchReadsNothingFromTheIndex() throws SQLException {
        SearchApiTest.exhibit("cache-kept", "Kept Quoll", "[]", false, true, "2020-01-01T00:00:00Z");
        String first = "/api/v2/search/?q=" + enc("quoll") + "&type=exhibit&type=collection";
        HttpResponse<String> rendered = backend.get(first);
        assertEquals("MISS", cacheStatus(rendered));
        try (Connection locker = backend.db().connect(); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            // Until this transaction ends, any statement that reads the search index waits for it (and times out).
            st.execute("LOCK TABLE search_document, search_word IN ACCESS EXCLUSIVE MODE");
            for (String same : List.of(first, "/api/v2/search/?q=" + enc("  Quoll ") + "&type=collection,exhibit",
                    "/api/v2/search/?type=exhibit&q=QUOLL&type=collection&page=1&per_page=10&sort=relevance")) {
                HttpResponse<String> kept = backend.get(same);
                assertEquals(200, kept.statusCode(), same + " -> " + kept.body());
                assertEquals("HIT", cacheStatus(kept), same);
                assertEquals(rendered.body(), kept.body(), same);
            }
            HttpResponse<String> other = backend.get("/api/v2/search/?q=quoll&page=2");
            assertEquals(503, other.statusCode(), "another page is another search: " + other.body());
            locker.rollback();
        }
    }

    @Test
    void theFirstSearchAfterAChangeSeesIt() throws SQLException {
        int page = SearchApiTest.exhibit("cache-changed", "Changing Bettong", "[]", false, true,
                "2020-01-01T00:00:00Z");
        String path = "/api/v2/search/?q=bettong";
        String other = "/api/v2/search/?q=potoroo";
        assertEquals(List.of(page), ids(backend.get(path)));
        assertEquals(List.of(), ids(backend.get(other)));
        assertEquals("HIT", cacheStatus(backend.get(path)));
        assertEquals("HIT", cacheStatus(backend.get(other)));
        backend.db().execute("UPDATE page SET title = 'Changed Potoroo' WHERE id = " + page);
        HttpResponse<String> after = backend.get(path);
        assertEquals("MISS", cacheStatus(after));
        assertEquals(List.of(), ids(after));
        assertEquals(List.of(page), ids(backend.get(other)));
    }

    /** A rebuild can change what searches find (a repair, new search functions) without touching any page. */
    @Test
    void aRebuildOfTheIndexCountsAsAChange() throws SQLException {
        String path = "/api/v2/search/?q=radio";
        backend.get(path);
        assertEquals("HIT", cacheStatus(backend.get(path)));
        try (Connection c = backend.db().connect()) {
            RebuildSearchIndex.rebuild(c);
        }
        assertEquals("MISS", cacheStatus(backend.get(path)));
    }

    @Test
    void seriesSearchesAreKept() {
        String path = "/api/v2/series/?q=nova";
        HttpResponse<String> first = backend.get(path);
        HttpResponse<String> second = backend.get("/api/v2/series/?q=NOVA");
        assertEquals("HIT", cacheStatus(second));
        assertEquals(first.body(), second.body());
    }

    private static List<Integer> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return RunningBackend.json(response).get("items").valueStream().map(i -> i.get("id").asInt()).toList();
    }

    private static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue(ResponseCache.STATUS_HEADER).orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
