package org.openvault.backend.editing;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page types besides exhibits through the admin API: the home page, collections, static pages. */
class PageTypesAdminTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    static AdminApi moderator;
    static long image;
    static String homeBody;

    @BeforeAll
    static void accounts() {
        moderator = AdminApi.signedIn(backend, "types-moderator", Role.MODERATOR);
        backend.db().execute("INSERT INTO image (title, file, width, height) VALUES"
                + " ('Types image', 'original_images/types-image.jpg', 1920, 1080)");
        image = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/types-image.jpg'");
    }

    @AfterAll
    static void restore() {
        AdminFixture.removePagesOf(backend.db(), "types-");
        // The home page as the migrations seed it: never published, empty body, no revisions.
        backend.db().execute("UPDATE page SET first_published_at = NULL, last_published_at = NULL,"
                        + " live_revision_id = NULL, latest_revision_id = NULL, has_unpublished_changes = false WHERE id = 3",
                "DELETE FROM page_revision WHERE page_id = 3", "UPDATE home_page SET body = '' WHERE page_id = 3");
    }

    private static JsonNode act(JsonNode page, String action) {
        return AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/" + action, null,
                page.get("etag").asText()), 200);
    }

    @Test
    void theHomePageIsEditedAndPublishedButNeverCreatedOrDeleted() {
        JsonNode home = AdminApi.json(moderator.get("/pages/3"), 200);
        assertEquals("home.HomePage", home.get("type").asText());
        home = AdminApi.json(moderator.put("/pages/3", "{\"content\":{\"title\":\"Home\",\"slug\":\"home\","
                + "\"body\":\"<p>Welcome<script>alert(1)</script></p>\"}}", home.get("etag").asText()), 200);
        assertEquals("<p>Welcome</p>", home.at("/content/body").asText());
        act(home, "publish");
        assertEquals("<p>Welcome</p>", backend.getJson("/api/v2/pages/3/").get("body").asText());
        HttpResponse<String> create = moderator.post("/pages/", "{\"type\":\"home.HomePage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Second home\"}}");
        assertEquals("/type", AdminApi.json(create, 422).at("/errors/0/pointer").asText());
        assertEquals(409, moderator.delete("/pages/3", "*").statusCode());
    }

    @Test
    void collectionsNeedTheirImagesToGoLiveAndRefuseExhibitOnlyBlocks() {
        String content = "{\"title\":\"Types Collection\",\"slug\":\"types-collection\",\"introduction\":"
                + "\"<p>About it</p>\",\"content\":[{\"type\":\"interviews\",\"value\":{\"guids\":\"cpb-aacip-1 cpb-aacip-2\","
                + "\"start_time\":\"00:01:30\"}}]";
        JsonNode refused = AdminApi.json(moderator.post("/pages/", "{\"type\":\"ov_collections.Collection\","
                + "\"parent_id\":3,\"content\":" + content + ",\"body\":[]}}"), 422);
        assertEquals("/content/body", refused.at("/errors/0/pointer").asText(), "collections have no body");
        JsonNode subheading = AdminApi.json(moderator.post("/pages/", "{\"type\":\"ov_collections.Collection\","
                + "\"parent_id\":3,\"content\":{\"title\":\"X\",\"content\":[{\"type\":\"subheading\",\"value\":\"x\"}]}}"),
                422);
        assertEquals("/content/content/0/type", subheading.at("/errors/0/pointer").asText());

        JsonNode page = AdminApi.json(moderator.post("/pages/", "{\"type\":\"ov_collections.Collection\","
                + "\"parent_id\":3,\"content\":" + content + "}}"), 201);
        assertEquals("90.0", page.at("/content/content/0/value/start_time").asText());
        HttpResponse<String> noImages = moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText());
        assertEquals("required_to_publish", AdminApi.json(noImages, 422).at("/errors/0/code").asText());
        page = AdminApi.json(moderator.put("/pages/" + page.get("id").asInt(), "{\"content\":" + content
                + ",\"cover_image_id\":" + image + ",\"hero_image_id\":" + image + "}}", page.get("etag").asText()), 200);
        act(page, "publish");
        JsonNode live = backend.getJson("/api/v2/collections/?slug=types-collection&fields=*");
        assertEquals(1, live.at("/meta/total_count").asInt());
        assertEquals("cpb-aacip-2", live.at("/items/0/content/0/value/guids/1").asText());
    }

    @Test
    void staticPagesAreCreatedAnywhereInTheSiteAndKeepTheirLayout() {
        int credits = (int) backend.db().queryLong("SELECT id FROM page WHERE slug = 'credits' AND parent_id = 3");
        JsonNode page = AdminApi.json(moderator.post("/pages/", "{\"type\":\"staticpages.StaticPage\",\"parent_id\":"
                + credits + ",\"content\":{\"title\":\"Credits: Types\",\"subtitle\":\"Who\",\"body\":"
                + "\"<div class=\\\"static-halfbox\\\" onclick=\\\"x()\\\">GBH</div>\"}}"), 201);
        assertEquals("credits-types", page.at("/content/slug").asText(), "the slug comes from the title");
        assertEquals("<div class=\"static-halfbox\">GBH</div>", page.at("/content/body").asText());
        act(page, "publish");
        JsonNode live = backend.getJson("/api/v2/static_pages/?path=/credits/credits-types");
        assertEquals("Who", live.get("subtitle").asText());
        assertFalse(live.get("body").asText().contains("onclick"));
        assertTrue(live.get("body").asText().contains("static-halfbox"));
    }
}
