package org.openvault.backend.pages;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagesApiTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static RunningBackend backend;

    @BeforeAll
    static void start() {
        backend = RunningBackend.start(DB);
        DB.execute("INSERT INTO page (type, slug, title, live) VALUES ('exhibits.ExhibitPage', 'skeleton-live', 'A Live Exhibit', true)",
                "INSERT INTO page (type, slug, title, live) VALUES ('exhibits.ExhibitPage', 'skeleton-draft', 'A Draft', false)");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void findsALivePageBySlug() {
        HttpResponse<String> response = backend.get("/api/v2/pages/?slug=skeleton-live");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode body = backend.getJson("/api/v2/pages/?slug=skeleton-live");
        assertEquals(1, body.at("/meta/total_count").asInt());
        JsonNode item = body.at("/items/0");
        assertTrue(item.get("id").isInt());
        assertEquals("exhibits.ExhibitPage", item.at("/meta/type").asText());
        assertEquals("skeleton-live", item.at("/meta/slug").asText());
        assertEquals("A Live Exhibit", item.get("title").asText());
    }

    @Test
    void draftsAndUnknownSlugsAreNotListed() {
        assertEquals(0, backend.getJson("/api/v2/pages/?slug=skeleton-draft").at("/meta/total_count").asInt());
        JsonNode unknown = backend.getJson("/api/v2/pages/?slug=no-such-page");
        assertEquals(0, unknown.at("/meta/total_count").asInt());
        assertTrue(unknown.get("items").isArray());
        assertEquals(0, unknown.get("items").size());
    }

    @Test
    void listsWithAndWithoutTrailingSlash() {
        assertEquals(200, backend.get("/api/v2/pages").statusCode());
        assertEquals(200, backend.get("/api/v2/pages/").statusCode());
    }
}
