package org.openvault.backend.authors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.isInt;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.keys;

/** The authors endpoint: by id, paginated, no filters. */
class AuthorsApiTest {

    private static final int AUTHORS = 3 + ContentFixture.EXTRA_AUTHORS;

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @Test
    void listingShapeDefaultLimitAndIdOrder() {
        JsonNode body = backend.getJson("/api/v2/authors/");
        assertEquals(AUTHORS, body.at("/meta/total_count").asInt());
        assertEquals(20, body.get("items").size(), "default limit is 20");
        JsonNode first = body.at("/items/0");
        keys(first, "id", "meta", "name", "image");
        keys(first.get("meta"), "detail_url");
        assertEquals("Alice Archivist", first.get("name").asText());
        isNull(first.get("image"));
        for (int i = 1; i < 20; i++) {
            assertTrue(body.at("/items/" + i + "/id").asInt() > body.at("/items/" + (i - 1) + "/id").asInt());
        }
    }

    @Test
    void detailShape() {
        int id = backend.getJson("/api/v2/authors/?limit=1").at("/items/0/id").asInt();
        JsonNode author = backend.getJson("/api/v2/authors/" + id);
        keys(author, "id", "meta", "name", "image", "bio");
        keys(author.get("meta"), "type", "detail_url");
        assertEquals("authors.Author", author.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/authors/" + id + "/", author.at("/meta/detail_url").asText());
        isInt(author.get("id"));
        var missing = backend.get("/api/v2/authors/999999/");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"No Author matches the given query.\"}", missing.body());
    }

    @Test
    void fieldNamesAreAcceptedButIgnoredAndOthersRefused() {
        assertEquals(AUTHORS, backend.getJson("/api/v2/authors/?name=Nobody&order=-name").at("/meta/total_count").asInt());
        var bogus = backend.get("/api/v2/authors/?type=x");
        assertEquals(400, bogus.statusCode());
        assertEquals("{\"message\":\"query parameter is not an operation or a recognised field: type\"}", bogus.body());
        assertEquals(AUTHORS - 20, backend.getJson("/api/v2/authors/?offset=20&limit=999999").get("items").size());
    }
}
