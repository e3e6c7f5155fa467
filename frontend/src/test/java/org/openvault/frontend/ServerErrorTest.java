package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend answer the site cannot read: the 500 page inside the shell, or the last good page while there is one. */
class ServerErrorTest {

    private static final String LOOKUP = "{\"meta\": {\"total_count\": 1}, \"items\": [{\"id\": 7, \"meta\": "
            + "{\"type\": \"exhibits.ExhibitPage\", \"slug\": \"broken\"}, \"title\": \"Broken\"}]}";
    private static final String GOOD = "{\"id\": 7, \"meta\": {\"type\": \"exhibits.ExhibitPage\", \"slug\": \"broken\"}, "
            + "\"title\": \"Whole\", \"body\": [], \"footnotes\": [], \"authors\": []}";
    private static final String CUT_OFF = "{\"id\": 7, \"title\": \"Broken\", \"body\": [{\"type\": \"text\", \"value\": \"<p>cut";

    @Test
    void malformedJsonFromTheBackendIsThe500PageWithoutDetails() {
        try (FakeHttpServer backend = FakeHttpServer.start(ServerErrorTest::answer)) {
            WebServer frontend = RunningSite.startFrontend(backend.url(), Map.of());
            try {
                HttpResponse<String> response = RunningSite.get(frontend, "/exhibits/broken");
                assertEquals(500, response.statusCode());
                assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
                assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
                Document html = Jsoup.parse(response.body());
                SiteShellTest.assertShell(html);
                assertEquals("Oh no!", html.selectFirst("main h1").text());
                assertEquals("noindex", html.selectFirst("meta[name=robots]").attr("content"));
                for (String leak : new String[] {"Exception", "at org.", "at java.", "Unexpected end", "JsonParse", "\"value\""}) {
                    assertFalse(response.body().contains(leak), "leaks " + leak);
                }
                assertTrue(backend.requests().contains("/api/v2/exhibits/7/"), backend.requests().toString());
            } finally {
                frontend.stop();
            }
        }
    }

    @Test
    void aRememberedGoodAnswerIsServedStaleInstead() {
        AtomicBoolean broken = new AtomicBoolean(false);
        try (FakeHttpServer backend = FakeHttpServer.start((path, query) -> path.equals("/api/v2/exhibits/7/")
                ? FakeHttpServer.Answer.json(broken.get() ? CUT_OFF : GOOD) : answer(path, query))) {
            WebServer frontend = RunningSite.startFrontend(backend.url(), Map.of());
            try {
                assertEquals(200, RunningSite.get(frontend, "/exhibits/broken").statusCode());
                broken.set(true);
                HttpResponse<String> stale = RunningSite.get(frontend, "/exhibits/broken");
                assertEquals(200, stale.statusCode());
                assertEquals("STALE", stale.headers().firstValue("x-cache").orElse(""));
                assertEquals("Whole", Jsoup.parse(stale.body()).selectFirst("h1.page-titlebar-title").text());
            } finally {
                frontend.stop();
            }
        }
    }

    private static FakeHttpServer.Answer answer(String path, String query) {
        return switch (path) {
            case "/api/v2/pages/" -> FakeHttpServer.Answer.json(LOOKUP);
            case "/api/v2/exhibits/7/" -> FakeHttpServer.Answer.json(CUT_OFF);
            default -> new FakeHttpServer.Answer(404, "application/json", "{\"message\": \"not found\"}", 0);
        };
    }
}
