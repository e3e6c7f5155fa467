package org.openvault.backend.responsecache;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rendered page JSON is reused until a content change commits, and never served stale after that commit. */
class ResponseCacheTest {

    /** Tables whose changes do not alter the public page JSON (derived, drafts, or this mechanism itself). */
    private static final Set<String> UNTRACKED = Set.of("flyway_schema_history", "content_version", "image_rendition",
            "search_word", "search_term", "page_revision", "page_preview", "app_user", "auth_session", "login_failure", "audit_log");

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture(RunningBackend.LISTENING);

    private static int exhibit;

    @BeforeAll
    static void lookUpPageIds() {
        exhibit = ContentFixture.id(backend.db(), "ex-featured-new");
    }

    @Test
    void aRepeatedRequestIsServedFromTheCacheWithTheSameBody() {
        String path = "/api/v2/exhibits/" + exhibit + "/?fields=title";
        HttpResponse<String> first = backend.get(path);
        HttpResponse<String> second = backend.get(path);
        assertEquals(200, second.statusCode());
        assertEquals("HIT", cacheStatus(second));
        assertEquals(first.body(), second.body());
        assertEquals("application/json", second.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("*", second.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aChangeCommittedElsewhereIsVisibleAsSoonAsTheDatabaseAnnouncesIt() throws InterruptedException {
        String detail = "/api/v2/exhibits/" + exhibit + "/";
        String listing = "/api/v2/pages/?type=exhibits.ExhibitPage&fields=authors";
        backend.get(detail);
        backend.get(listing);
        assertEquals("HIT", cacheStatus(backend.get(listing)));
        try {
            // Committed by another client (as another backend would): this backend learns of it from the database.
            backend.db().execute("UPDATE page SET title = 'Retitled' WHERE id = " + exhibit,
                    "UPDATE author SET name = 'Robert Broadcaster' WHERE name = 'Bob Broadcaster'");
            HttpResponse<String> changed = backend.get(detail);
            for (long until = System.nanoTime() + 2_000_000_000L; cacheStatus(changed).equals("HIT")
                    && System.nanoTime() < until; changed = backend.get(detail)) {
                Thread.sleep(5);
            }
            assertEquals("MISS", cacheStatus(changed));
            assertEquals("Retitled", RunningBackend.json(changed).get("title").asText());
            assertTrue(backend.get(listing).body().contains("Robert Broadcaster"), "a change to a related table counts too");
        } finally {
            backend.db().execute("UPDATE page SET title = 'Featured New' WHERE id = " + exhibit,
                    "UPDATE author SET name = 'Bob Broadcaster' WHERE name = 'Robert Broadcaster'");
        }
        for (long until = System.nanoTime() + 2_000_000_000L; !backend.getJson(detail).get("title").asText()
                .equals("Featured New") && System.nanoTime() < until; ) {
            Thread.sleep(5);
        }
        assertEquals("Featured New", backend.getJson(detail).get("title").asText());
    }

    @Test
    void randomOrderIsAlwaysRenderedAfresh() {
        for (String path : List.of("/api/v2/exhibits/?order=random", "/api/v2/pages/?limit=2&order=random")) {
            backend.get(path);
            HttpResponse<String> again = backend.get(path);
            assertEquals(200, again.statusCode(), path);
            assertTrue(cacheStatus(again).isEmpty(), path + " must not be cached");
        }
    }

    @Test
    void listingSearchesAreKeptToo() {
        String path = "/api/v2/exhibits/?search=featured&fields=title";
        HttpResponse<String> first = backend.get(path);
        HttpResponse<String> second = backend.get(path);
        assertEquals(200, second.statusCode());
        assertEquals("HIT", cacheStatus(second));
        assertEquals(first.body(), second.body());
    }

    @Test
    void errorsAreNotKept() {
        HttpResponse<String> first = backend.get("/api/v2/exhibits/?order=nonsense");
        HttpResponse<String> second = backend.get("/api/v2/exhibits/?order=nonsense");
        assertEquals(400, second.statusCode());
        assertEquals(first.body(), second.body());
        assertTrue(cacheStatus(second).isEmpty());
    }

    @Test
    void oneTransactionBumpsTheVersionOnceAndARollbackNotAtAll() throws SQLException {
        long before = version();
        backend.db().execute("UPDATE page SET seo_title = seo_title WHERE type = 'exhibits.ExhibitPage'",
                "UPDATE footnote SET text = text");
        assertEquals(before + 1, version());
        try (Connection c = backend.db().connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE page SET title = 'Never Seen' WHERE id = " + exhibit);
            c.rollback();
        }
        assertEquals(before + 1, version());
        assertNotEquals("Never Seen", backend.getJson("/api/v2/exhibits/" + exhibit + "/").get("title").asText());
    }

    @Test
    void everyContentTableIsTracked() throws SQLException {
        List<String> untracked = new ArrayList<>();
        try (Connection c = backend.db().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT EXISTS ("
                        + " SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'content_changed')")) {
            while (rs.next()) {
                untracked.add(rs.getString(1));
            }
        }
        untracked.removeAll(UNTRACKED);
        assertEquals(new TreeSet<>(), new TreeSet<>(untracked),
                "call ov_track_content('<table>') in the migration that adds a content table (or list it as untracked here)");
    }

    private static long version() throws SQLException {
        try (Connection c = backend.db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM content_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue(ResponseCache.STATUS_HEADER).orElse("");
    }
}
