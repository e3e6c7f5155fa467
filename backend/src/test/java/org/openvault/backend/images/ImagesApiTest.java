package org.openvault.backend.images;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.keys;
import static org.openvault.backend.JsonAssert.texts;

/** /api/v2/images/: Wagtail's listing and detail shapes, filters, ordering, fields, search and errors. */
class ImagesApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static int mural;
    private static int studio;
    private static int portrait;

    @BeforeAll
    static void insertImages() {
        TestImages images = new TestImages(backend.db(), backend.mediaRoot());
        mural = images.insert("GBH mural", "original_images/api-mural.jpg", 1600, 900, null, "", new String[] {"apitest", "wall"});
        studio = images.insert("Studio A", "original_images/api-studio.jpg", 800, 600, null, "", new String[] {"apitest"});
        portrait = images.insert("Jane portrait", "original_images/api-jane.png", 400, 500, null, "Jane Doe", new String[] {"people", "apitest"});
    }

    @AfterAll
    static void deleteImages() {
        backend.db().execute("DELETE FROM image WHERE 'apitest' = ANY (tags)");
    }

    @Test
    void listingItemsHaveWagtailsDefaultFields() {
        JsonNode body = backend.getJson("/api/v2/images/?tags=apitest");
        keys(body, "meta", "items");
        assertEquals(3, body.at("/meta/total_count").asInt());
        JsonNode first = body.at("/items/0");
        keys(first, "id", "meta", "title");
        keys(first.get("meta"), "type", "detail_url", "tags", "download_url");
        assertEquals(mural, first.get("id").asInt());
        assertEquals("wagtailimages.Image", first.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/images/" + mural + "/", first.at("/meta/detail_url").asText());
        assertEquals(List.of("apitest", "wall"), texts(first.at("/meta/tags"), ""));
        assertEquals("/media/original_images/api-mural.jpg", first.at("/meta/download_url").asText());
        assertEquals("GBH mural", first.get("title").asText());
        assertEquals(List.of("apitest", "people"), texts(body.at("/items/2/meta/tags"), ""), "tags sorted");
    }

    @Test
    void detailAddsWidthAndHeightWithAndWithoutTrailingSlash() {
        for (String path : List.of("/api/v2/images/" + studio + "/", "/api/v2/images/" + studio)) {
            JsonNode detail = backend.getJson(path);
            keys(detail, "id", "meta", "title", "width", "height");
            keys(detail.get("meta"), "type", "detail_url", "tags", "download_url");
            assertEquals(800, detail.get("width").asInt());
            assertEquals(600, detail.get("height").asInt());
        }
    }

    @Test
    void detailErrorsAndFilters() {
        HttpResponse<String> missing = backend.get("/api/v2/images/99999999/");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"No Image matches the given query.\"}", missing.body());
        assertEquals(404, backend.get("/api/v2/images/abc/").statusCode());
        assertEquals(404, backend.get("/api/v2/images/" + studio + "/?width=1").statusCode(), "detail applies filters");
        assertEquals(200, backend.get("/api/v2/images/" + studio + "/?width=800").statusCode());
        assertEquals(200, backend.get("/api/v2/images/" + studio + "/?bogus=1").statusCode(), "no whitelist on detail");
    }

    @Test
    void filtersOrderAndPagination() {
        assertEquals(List.of("Studio A"), texts(backend.getJson("/api/v2/images/?tags=apitest&width=800").get("items"), "/title"));
        assertEquals(List.of("Jane portrait"), texts(backend.getJson("/api/v2/images/?tags=apitest,people").get("items"), "/title"));
        assertEquals(List.of("GBH mural"), texts(backend.getJson("/api/v2/images/?title=GBH%20mural").get("items"), "/title"));
        assertEquals(List.of("GBH mural", "Studio A", "Jane portrait"),
                texts(backend.getJson("/api/v2/images/?tags=apitest&order=-width").get("items"), "/title"));
        assertEquals(List.of("Jane portrait", "Studio A", "GBH mural"),
                texts(backend.getJson("/api/v2/images/?tags=apitest&order=height,title").get("items"), "/title"));
        JsonNode page = backend.getJson("/api/v2/images/?tags=apitest&limit=1&offset=1");
        assertEquals(3, page.at("/meta/total_count").asInt());
        assertEquals(List.of("Studio A"), texts(page.get("items"), "/title"));
        assertEquals(0, backend.getJson("/api/v2/images/?tags=apitest&limit=0").get("items").size());
        assertEquals(3, backend.getJson("/api/v2/images/?tags=apitest&order=random").get("items").size());
    }

    @Test
    void fieldsSelection() {
        JsonNode only = backend.getJson("/api/v2/images/?tags=apitest&fields=_,title").at("/items/0");
        keys(only, "title");
        JsonNode more = backend.getJson("/api/v2/images/?tags=apitest&fields=width,-download_url").at("/items/0");
        keys(more, "id", "meta", "title", "width");
        keys(more.get("meta"), "type", "detail_url", "tags");
        keys(backend.getJson("/api/v2/images/?tags=apitest&fields=*").at("/items/0"), "id", "meta", "title", "width", "height");
        keys(backend.getJson("/api/v2/images/" + studio + "/?fields=_,width"), "width");
    }

    @Test
    void searchMatchesTitleAndTags() {
        assertEquals(List.of("Studio A"), texts(backend.getJson("/api/v2/images/?tags=apitest&search=studio").get("items"), "/title"));
        assertEquals(List.of("Jane portrait"), texts(backend.getJson("/api/v2/images/?tags=apitest&search=PEOPLE").get("items"), "/title"));
        assertEquals(List.of("GBH mural", "Studio A"),
                texts(backend.getJson("/api/v2/images/?tags=apitest&search=mural%20studio&search_operator=or").get("items"), "/title"));
        assertEquals(0, backend.getJson("/api/v2/images/?tags=apitest&search=mural%20studio").get("items").size());
        assertEquals(0, backend.getJson("/api/v2/images/?tags=apitest&search=%25").get("items").size(), "% is literal");
    }

    @Test
    void badQueriesAnswer400WithTheOriginalsMessages() {
        assertMessage("/api/v2/images/?bogus=1&zzz=2", "query parameter is not an operation or a recognised field: bogus, zzz");
        assertMessage("/api/v2/images/?limit=-1", "limit must be a positive integer");
        assertMessage("/api/v2/images/?offset=x", "offset must be a positive integer");
        assertMessage("/api/v2/images/?width=abc",
                "field filter error. 'abc' is not a valid value for width (invalid literal for int() with base 10: 'abc')");
        assertMessage("/api/v2/images/?order=file", "cannot order by 'file' (unknown field)");
        assertMessage("/api/v2/images/?order=random,id", "random ordering cannot be combined with other fields");
        assertMessage("/api/v2/images/?order=random&offset=1", "random ordering with offset is not supported");
        assertMessage("/api/v2/images/?search=a&order=width", "cannot order by 'width' while searching (field is not indexed)");
        assertMessage("/api/v2/images/?search=a&height=3", "cannot filter by 'height' while searching (field is not indexed)");
        assertMessage("/api/v2/images/?search=a&search_operator=xor", "search_operator must be either 'and' or 'or'");
        assertMessage("/api/v2/images/?fields=nope,title", "unknown fields: nope");
        assertMessage("/api/v2/images/?fields=title%20", "fields error: unexpected whitespace at position 5");
    }

    @Test
    void findRedirectsToTheDetail() {
        HttpResponse<String> found = backend.get("/api/v2/images/find/?id=" + portrait);
        assertEquals(302, found.statusCode());
        assertEquals(RunningBackend.API_URL + "/api/v2/images/" + portrait + "/", found.headers().firstValue("location").orElseThrow());
        HttpResponse<String> missing = backend.get("/api/v2/images/find/?id=99999999");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"not found\"}", missing.body());
    }

    @Test
    void corsAndReadOnly() {
        HttpResponse<String> response = backend.get("/api/v2/images/?tags=apitest");
        assertEquals("*", response.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
    }

    private static void assertMessage(String path, String message) {
        HttpResponse<String> response = backend.get(path);
        assertEquals(400, response.statusCode(), path + " -> " + response.body());
        assertEquals(message, RunningBackend.json(response).get("message").asText(), path);
    }
}
