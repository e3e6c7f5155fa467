package org.openvault.backend.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;

/**
 * Kept answers cost no database round trip while the backend listens for the database's announcements of content
 * changes; when its listening connection is lost it asks the database on every request until it listens again, so
 * no change is missed meanwhile.
 */
class ContentVersionWatchTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture(RunningBackend.LISTENING);

    private static String detail;

    @BeforeAll
    static void lookUpPage() {
        detail = "/api/v2/exhibits/" + ContentFixture.id(backend.db(), "ex-featured-new") + "/";
    }

    @Test
    void keptAnswersAreServedWithoutAskingTheDatabase() {
        backend.get(detail);
        double before = versionReads();
        for (int i = 0; i < 200; i++) {
            assertEquals("HIT", backend.get(detail).headers().firstValue("X-OV-Cache").orElse(""));
        }
        assertTrue(versionReads() - before < 5, "200 kept answers read the version " + (versionReads() - before)
                + " times");
    }

    @Test
    void aLostListeningConnectionMissesNoChangeAndIsMadeAgain() throws InterruptedException {
        backend.get(detail);
        try {
            backend.db().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE application_name = 'openvault-backend' AND datname = current_database()",
                    "UPDATE page SET title = 'Heard Anyway' WHERE id = " + detailId());
            assertEquals("Heard Anyway", titleWithin("Heard Anyway", 2_000));

            // Listening again: kept answers stop asking the database.
            Thread.sleep(2_500);
            backend.get(detail);
            double before = versionReads();
            for (int i = 0; i < 50; i++) {
                backend.get(detail);
            }
            assertTrue(versionReads() - before < 5, "listening again after the connection was lost");
        } finally {
            backend.db().execute("UPDATE page SET title = 'Featured New' WHERE id = " + detailId());
        }
        assertEquals("Featured New", titleWithin("Featured New", 2_000));
    }

    private static int detailId() {
        return ContentFixture.id(backend.db(), "ex-featured-new");
    }

    /** The exhibit's title once it reads {@code expected}, or as it reads after {@code millis}. */
    private static String titleWithin(String expected, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        String title = RunningBackend.json(backend.get(detail)).get("title").asText();
        while (!title.equals(expected) && System.nanoTime() < until) {
            Thread.sleep(5);
            title = RunningBackend.json(backend.get(detail)).get("title").asText();
        }
        return title;
    }

    /** This JVM's count of content-version reads from the database (metric ov_content_version_reads). */
    private static double versionReads() {
        HttpResponse<String> metrics = backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl()
                + "/observe/metrics")).header("Accept", "text/plain").build());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body().lines().filter(line -> line.startsWith("ov_content_version_reads"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
