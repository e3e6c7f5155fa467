package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.Map;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old catalog URLs: /catalog refused, /catalog/{id} resolved through Organ (a stand-in on loopback here). */
class CatalogTest {

    private static final RunningSite SITE = RunningSite.get();
    private static WebServer organ;
    private static WebServer frontend;

    @BeforeAll
    static void start() {
        organ = WebServer.builder().host("127.0.0.1").port(0).routing(HttpRouting.builder()
                .get("/ov/V_91C90FC0A3104517AC756D2492441CF9", (req, res) -> res
                        .header("Content-Type", "application/json").send("{\"guid\":\"cpb-aacip-15-abc\"}"))
                .get("/ov/{id}", (req, res) -> res.status(404).send("{}"))).build().start();
        frontend = RunningSite.startFrontend("http://127.0.0.1:" + SITE.backend.port(),
                Map.of("ov.organ.url", "http://127.0.0.1:" + organ.port()));
    }

    @AfterAll
    static void stop() {
        frontend.stop();
        organ.stop();
    }

    @Test
    void knownIdsRedirectToAapbAndUnknownOnesAre404() {
        HttpResponse<String> known = RunningSite.get(frontend, "/catalog/V_91C90FC0A3104517AC756D2492441CF9");
        assertEquals(302, known.statusCode());
        assertEquals("https://americanarchive.org/catalog/cpb-aacip-15-abc", known.headers().firstValue("location").orElseThrow());
        HttpResponse<String> unknown = RunningSite.get(frontend, "/catalog/V_NOPE");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("Catalog ID not found: V_NOPE"));
        assertEquals(418, RunningSite.get(frontend, "/catalog?q=anything").statusCode());
    }

    @Test
    void withoutOrganOrWithOrganDownNothingBreaks() {
        assertEquals(404, SITE.get("/catalog/V_91C90FC0A3104517AC756D2492441CF9").statusCode());
        WebServer orphan = RunningSite.startFrontend("http://127.0.0.1:" + SITE.backend.port(),
                Map.of("ov.organ.url", "http://127.0.0.1:9", "ov.organ.timeout-ms", "500"));
        try {
            assertEquals(503, RunningSite.get(orphan, "/catalog/V_1").statusCode());
        } finally {
            orphan.stop();
        }
    }
}
