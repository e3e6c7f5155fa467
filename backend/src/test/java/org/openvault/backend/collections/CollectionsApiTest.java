package org.openvault.backend.collections;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvault.backend.JsonAssert.isBool;
import static org.openvault.backend.JsonAssert.isInt;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.isText;
import static org.openvault.backend.JsonAssert.isTimestamp;
import static org.openvault.backend.JsonAssert.keys;
import static org.openvault.backend.JsonAssert.texts;

/** The collections endpoint, key by key. */
class CollectionsApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static int colA;

    @BeforeAll
    static void lookUpPageIds() {
        colA = ContentFixture.id(backend.db(), "col-a");
    }

    @Test
    void listingHasTheOriginalKeysAndOrder() {
        JsonNode body = backend.getJson("/api/v2/collections/?limit=999999");
        keys(body, "meta", "items");
        assertEquals(List.of("col-a", "col-b"), texts(body.get("items"), "/meta/slug"), "live only, featured first");
        assertEquals(2, body.at("/meta/total_count").asInt());
        JsonNode item = body.at("/items/0");
        keys(item, "id", "meta", "title", "introduction", "cover_image", "hero_image");
        keys(item.get("meta"), "type", "detail_url", "html_url", "slug", "first_published_at", "last_published_at", "featured");
        isInt(item.get("id"));
        assertEquals("ov_collections.Collection", item.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/collections/" + colA + "/", item.at("/meta/detail_url").asText());
        assertEquals("2025-06-03T12:10:45.120000Z", item.at("/meta/last_published_at").asText());
        isBool(item.at("/meta/featured"));
        assertEquals("<p data-block-key=\"i1\"><i>Say Brother</i> premiered in 1968.</p>", item.get("introduction").asText());
        isNull(item.get("cover_image"));
    }

    @Test
    void detailHasEveryKeyInOrder() {
        JsonNode detail = backend.getJson("/api/v2/collections/" + colA);
        keys(detail, "id", "meta", "title", "introduction", "cover_image", "hero_image", "hero_thumb", "content");
        keys(detail.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                "search_description", "first_published_at", "alias_of", "parent", "last_published_at", "featured");
        isTimestamp(detail.at("/meta/first_published_at"));
        isText(detail.get("title"));
        assertEquals(List.of("heading", "programs", "text", "html", "credits"), texts(detail.get("content"), "/type"));
    }

    @Test
    void rawWagtailStreamValuesAreNormalised() {
        JsonNode programs = backend.getJson("/api/v2/collections/" + colA + "/").at("/content/1/value");
        keys(programs, "guids", "special_collections", "show_title", "show_thumbnail", "show_sidebar", "title",
                "start_time", "end_time", "access_level");
        assertEquals(List.of("cpb-aacip-15-abc123", "cpb-aacip-15-def456"), texts(programs.get("guids"), ""));
        assertEquals("90.0", programs.get("start_time").asText());
        assertEquals("3600.5", programs.get("end_time").asText());
        assertEquals("all", programs.get("access_level").asText());
        assertEquals(true, programs.get("show_sidebar").asBoolean());
    }

    @Test
    void emptyCollectionHasEmptyContentAndIntroduction() {
        JsonNode detail = backend.getJson("/api/v2/collections/" + ContentFixture.id(backend.db(), "col-b") + "/");
        assertEquals(0, detail.get("content").size());
        assertEquals("", detail.get("introduction").asText());
        assertEquals(404, backend.get("/api/v2/collections/" + ContentFixture.id(backend.db(), "col-draft") + "/").statusCode());
    }
}
