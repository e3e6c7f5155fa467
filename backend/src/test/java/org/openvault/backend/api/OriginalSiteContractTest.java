package org.openvault.backend.api;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The original site's calls, route by route, and the keys it reads: the contract the API keeps. */
class OriginalSiteContractTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static void listingItem(JsonNode item) {
        assertTrue(item.at("/meta/slug").isTextual());
        assertTrue(item.get("title").isTextual());
        assertTrue(item.has("cover_image"));
        assertTrue(item.at("/meta/type").isTextual());
        assertTrue(item.has("hero_image"));
    }

    @Test
    void homePage() {
        for (String path : new String[] {"/api/v2/collections/?order=random&limit=3", "/api/v2/exhibits/?order=random&limit=3"}) {
            JsonNode body = backend.getJson(path);
            assertTrue(body.get("items").isArray());
            body.get("items").forEach(OriginalSiteContractTest::listingItem);
        }
        assertEquals("exhibits.ExhibitPage", backend.getJson("/api/v2/exhibits/?order=random&limit=3").at("/items/0/meta/type").asText());
    }

    @Test
    void indexPagesPassTheResponseThroughAsJson() {
        for (String path : new String[] {"/api/v2/exhibits/?limit=999999", "/api/v2/collections/?limit=999999"}) {
            HttpResponse<String> response = backend.get(path);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").matches(".*\\bapplication/json\\b.*"));
            RunningBackend.json(response).get("items").forEach(OriginalSiteContractTest::listingItem);
        }
    }

    @Test
    void exhibitDetailRouteBySlugThenIdWithoutTrailingSlash() {
        JsonNode lookup = backend.getJson("/api/v2/pages/?slug=ex-featured-new");
        assertTrue(lookup.at("/meta/total_count").isNumber());
        JsonNode exhibit = backend.getJson("/api/v2/exhibits/" + lookup.at("/items/0/id").asInt());
        assertTrue(exhibit.get("title").isTextual());
        assertTrue(exhibit.at("/meta/search_description").isTextual());
        assertTrue(exhibit.has("cover_image") && exhibit.has("hero_image"));
        assertTrue(exhibit.at("/authors/0/name").isTextual());
        assertTrue(exhibit.at("/authors/0").has("image") && exhibit.at("/authors/0").has("bio"));
        assertTrue(exhibit.get("footnotes").isArray());
        assertTrue(exhibit.at("/footnotes/0/uuid").isTextual() && exhibit.at("/footnotes/0/text").isTextual());
        String marker = "<footnote id=\"" + ContentFixture.FOOTNOTE_1 + "\">[" + ContentFixture.FOOTNOTE_1.substring(0, 6) + "]</footnote>";
        assertTrue(exhibit.at("/body/1/value").asText().contains(marker), "footnote markers as the site replaces them");
        for (JsonNode block : exhibit.get("body")) {
            assertTrue(block.get("id").isTextual());
            JsonNode value = block.get("value");
            if (value.isObject()) {
                assertTrue(value.get("guids").isArray());
            } else {
                assertTrue(value.isTextual(), "non-AAPB values are strings: " + block);
            }
        }
        exhibit.get("related_exhibits").forEach(OriginalSiteContractTest::listingItem);
    }

    @Test
    void collectionDetailRoute() {
        JsonNode lookup = backend.getJson("/api/v2/pages/?slug=col-a");
        JsonNode collection = backend.getJson("/api/v2/collections/" + lookup.at("/items/0/id").asInt());
        assertTrue(collection.get("introduction").isTextual());
        assertTrue(collection.get("content").isArray());
        assertTrue(collection.has("hero_image"));
    }

    @Test
    void unknownSlugIsStrictlyZero() {
        JsonNode lookup = backend.getJson("/api/v2/pages/?slug=advocates");
        assertTrue(lookup.at("/meta/total_count").isInt());
        assertEquals(0, lookup.at("/meta/total_count").asInt());
    }
}
