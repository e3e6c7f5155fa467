package org.openvault.frontend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site rendered from a real backend over a real PostgreSQL. */
class PageSiteTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static org.openvault.backend.Main.Backend backend;
    private static WebServer frontend;

    @BeforeAll
    static void start() {
        backend = org.openvault.backend.Main.start(config(Map.of(
                "server.port", "0",
                "ov.db.url", DB.url(), "ov.db.user", DB.user(), "ov.db.password", DB.password(),
                "ov.db.migrate", "true")));
        DB.execute("INSERT INTO page (type, slug, title) VALUES ('exhibits.ExhibitPage', 'frontend-test', 'Tom & Jerry <Live>')",
                "INSERT INTO page (type, slug, title) VALUES ('ov_collections.Collection', 'a-collection', 'A Collection')");
        frontend = Main.start(config(Map.of("server.port", "0", "ov.api.url", "http://127.0.0.1:" + backend.port())));
    }

    @AfterAll
    static void stop() {
        frontend.stop();
        backend.close();
    }

    @Test
    void rendersTheTitleStoredInPostgres() {
        HttpResponse<String> response = get("/exhibits/frontend-test");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        Document html = Jsoup.parse(response.body());
        assertEquals("Tom & Jerry <Live>", html.selectFirst("h1").text());
        assertTrue(response.body().contains("Tom &amp; Jerry &lt;Live&gt;"), "titles are HTML-escaped");
    }

    @Test
    void unknownSlugIsA404PageInsideTheSite() {
        HttpResponse<String> response = get("/exhibits/no-such-exhibit");
        assertEquals(404, response.statusCode());
        Document html = Jsoup.parse(response.body());
        assertEquals("Page not found", html.selectFirst("h1").text());
        assertTrue(html.text().contains("no-such-exhibit"));
    }

    @Test
    void aSlugOfTheWrongTypeIsA404() {
        assertEquals(404, get("/exhibits/a-collection").statusCode());
        assertEquals(200, get("/collections/a-collection").statusCode());
    }

    @Test
    void unknownPathIsA404AndHealthAnswers() {
        assertEquals(404, get("/no/such/route").statusCode());
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }

    @Test
    void homeLinksToPages() {
        Document html = Jsoup.parse(get("/").body());
        assertTrue(html.select("a[href=/exhibits/frontend-test]").size() == 1);
        assertTrue(html.select("a[href=/collections/a-collection]").size() == 1);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Config config(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(values))
                .build();
    }
}
