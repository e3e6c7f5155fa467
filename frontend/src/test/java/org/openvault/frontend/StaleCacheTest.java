package org.openvault.frontend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.webserver.WebServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site stays up when the backend does not: recent answers are served stale, and say so. */
class StaleCacheTest {

    private static final RunningSite SITE = RunningSite.get();

    @Test
    void backendStoppedServesTheLastGoodPageMarkedStale() {
        org.openvault.backend.Main.Backend backend = RunningSite.startBackend(SITE.db);
        WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + backend.port(), Map.of());
        try {
            HttpResponse<String> fresh = RunningSite.get(frontend, "/exhibits/voices-of-the-vietnam-era");
            assertEquals(200, fresh.statusCode());
            assertEquals("MISS", fresh.headers().firstValue("x-cache").orElse(""));
            assertEquals(200, RunningSite.get(frontend, "/").statusCode());

            backend.close();

            Document html = servedStale(frontend, "/exhibits/voices-of-the-vietnam-era");
            assertEquals("Voices of the Vietnam Era", html.selectFirst("h1.page-titlebar-title").text());
            assertEquals(2, html.select("a.footnote-link").size(), "the whole page, not a shell");
            assertEquals("STALE", RunningSite.get(frontend, "/").headers().firstValue("x-cache").orElse(""));

            HttpResponse<String> neverSeen = RunningSite.get(frontend, "/collections/say-brother");
            assertEquals(503, neverSeen.statusCode(), "nothing cached: a clean error page, not a 500");
            assertEquals("no-store", neverSeen.headers().firstValue("cache-control").orElse(""));
            assertEquals("Something went wrong", Jsoup.parse(neverSeen.body()).selectFirst("main h1").text());
            assertEquals(200, RunningSite.get(frontend, "/health").statusCode());
        } finally {
            frontend.stop();
            backend.close();
        }
    }

    @Test
    void aThousandUnknownSlugsDoNotPushOutThePagesKeptForAnOutage() {
        assertExhibitOutlivesTheBackendAfter(Map.of(), frontend -> {
            java.util.Random random = new java.util.Random(18);
            long started = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                String slug = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                String section = i % 2 == 0 ? "/exhibits/" : "/collections/";
                assertEquals(404, RunningSite.get(frontend, section + slug).statusCode(), section + slug);
            }
            System.out.printf("1000 unknown slugs in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        });
    }

    @Test
    void searchesWithResultsDoNotPushOutThePagesKeptForAnOutage() {
        assertExhibitOutlivesTheBackendAfter(Map.of("ov.api.cache.max-bytes", "262144"), frontend -> {
            // Every spelling of a word that finds something is a search of its own, answered with results.
            for (int i = 0; i < 300; i++) {
                StringBuilder q = new StringBuilder();
                String word = "television";
                for (int letter = 0; letter < word.length(); letter++) {
                    char c = word.charAt(letter);
                    q.append((i >> letter & 1) == 1 ? Character.toUpperCase(c) : c);
                }
                HttpResponse<String> search = RunningSite.get(frontend, "/search?q=" + q);
                assertEquals(200, search.statusCode());
                assertTrue(Jsoup.parse(search.body()).select("li.hit").size() > 0, "the search finds something");
            }
        });
    }

    /**
     * Shows an exhibit through a frontend with {@code settings}, sends it the {@code flood} of other requests, stops
     * the backend and asserts the exhibit is still served, stale.
     */
    private static void assertExhibitOutlivesTheBackendAfter(Map<String, String> settings,
                                                             Consumer<WebServer> flood) {
        org.openvault.backend.Main.Backend backend = RunningSite.startBackend(SITE.db);
        WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + backend.port(), settings);
        try {
            assertEquals(200, RunningSite.get(frontend, "/exhibits/voices-of-the-vietnam-era").statusCode());
            flood.accept(frontend);

            backend.close();

            Document html = servedStale(frontend, "/exhibits/voices-of-the-vietnam-era");
            assertEquals("Voices of the Vietnam Era", html.selectFirst("h1.page-titlebar-title").text());
        } finally {
            frontend.stop();
            backend.close();
        }
    }

    @Test
    void theKeptAnswersAreBoundedByBytes() {
        org.openvault.backend.Main.Backend backend = RunningSite.startBackend(SITE.db);
        WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + backend.port(),
                Map.of("ov.api.cache.max-bytes", "2000"));
        try {
            assertEquals(200, RunningSite.get(frontend, "/exhibits/voices-of-the-vietnam-era").statusCode());
            backend.close();
            assertEquals(503, RunningSite.get(frontend, "/exhibits/voices-of-the-vietnam-era").statusCode(),
                    "an exhibit's JSON is over a quarter of 2,000 bytes, so none of it was kept");
        } finally {
            frontend.stop();
            backend.close();
        }
    }

    /** The page, asserted to be served from stale answers and marked so. */
    private static Document servedStale(WebServer frontend, String path) {
        HttpResponse<String> stale = RunningSite.get(frontend, path);
        assertEquals(200, stale.statusCode(), path);
        assertEquals("STALE", stale.headers().firstValue("x-cache").orElse(""));
        assertTrue(stale.headers().firstValue("warning").orElse("").startsWith("110"));
        assertTrue(Long.parseLong(stale.headers().firstValue("age").orElse("0")) >= 1);
        return Jsoup.parse(stale.body());
    }

    @Test
    void recentAnswersAreReusedWithinTheFreshPeriod() {
        WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + SITE.backend.port(),
                Map.of("ov.api.cache.fresh-ms", "60000"));
        try {
            assertEquals("MISS", RunningSite.get(frontend, "/collections/say-brother").headers().firstValue("x-cache").orElse(""));
            HttpResponse<String> again = RunningSite.get(frontend, "/collections/say-brother");
            assertEquals(200, again.statusCode());
            assertEquals("HIT", again.headers().firstValue("x-cache").orElse(""));
            assertEquals("Say Brother", Jsoup.parse(again.body()).selectFirst("h1.page-titlebar-title").text());
        } finally {
            frontend.stop();
        }
    }

    @Test
    void aBackendThatNeverAnswersTimesOut() throws IOException {
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            WebServer frontend = RunningSite.startFrontend("http://127.0.0.1:" + silent.getLocalPort(),
                    Map.of("ov.api.timeout-ms", "300"));
            try {
                HttpResponse<String> response = RunningSite.get(frontend, "/exhibits");
                assertEquals(503, response.statusCode());
                assertTrue(Jsoup.parse(response.body()).selectFirst("main").text().contains("try again"));
            } finally {
                frontend.stop();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
