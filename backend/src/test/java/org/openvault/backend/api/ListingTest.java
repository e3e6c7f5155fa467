package org.openvault.backend.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.texts;

/** Pagination edges and random order on the listings the site calls. */
class ListingTest {

    private static final int EXHIBITS = ContentFixture.LIVE_EXHIBITS_IN_ORDER.size();

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @Test
    void paginationEdges() {
        assertSlice("/api/v2/exhibits/?limit=999999", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER);
        assertSlice("/api/v2/exhibits/?limit=0", EXHIBITS, List.of());
        assertSlice("/api/v2/exhibits/?limit=2", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER.subList(0, 2));
        assertSlice("/api/v2/exhibits/?limit=2&offset=4", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER.subList(4, 6));
        assertSlice("/api/v2/exhibits/?offset=5", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER.subList(5, 6));
        assertSlice("/api/v2/exhibits/?offset=6", EXHIBITS, List.of());
        assertSlice("/api/v2/exhibits/?offset=999999999999", EXHIBITS, List.of());
        assertSlice("/api/v2/exhibits/?limit=99999999999999999999", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER);
        assertSlice("/api/v2/exhibits/?limit=+2&offset=0", EXHIBITS, ContentFixture.LIVE_EXHIBITS_IN_ORDER.subList(0, 2));
        assertSlice("/api/v2/exhibits/?slug=none", 0, List.of());
    }

    private static void assertSlice(String path, int total, List<String> slugs) {
        JsonNode body = backend.getJson(path);
        assertEquals(total, body.at("/meta/total_count").asInt(), path);
        assertEquals(slugs, texts(body.get("items"), "/meta/slug"), path);
    }

    @Test
    void randomOrderReturnsDistinctLivePagesInVaryingOrder() {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 40 && orders.size() < 2; i++) {
            JsonNode body = backend.getJson("/api/v2/exhibits/?order=random&limit=3");
            List<String> slugs = texts(body.get("items"), "/meta/slug");
            assertEquals(3, slugs.size());
            assertEquals(3, new HashSet<>(slugs).size(), "no duplicates");
            assertTrue(ContentFixture.LIVE_EXHIBITS_IN_ORDER.containsAll(slugs), "live exhibits only");
            assertEquals(EXHIBITS, body.at("/meta/total_count").asInt());
            orders.add(slugs);
        }
        assertTrue(orders.size() >= 2, "random order varies between requests");
        JsonNode collections = backend.getJson("/api/v2/collections/?order=random&limit=3");
        assertEquals(2, collections.get("items").size());
    }
}
