package org.openvault.backend.editing;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages through the admin API over HTTP: drafts, publishing, the public API and search following, validation. */
class PagesAdminTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    static AdminApi editor;
    static AdminApi otherEditor;
    static AdminApi moderator;
    static AdminApi administrator;
    static long cover;
    static long hero;

    @BeforeAll
    static void accounts() {
        editor = AdminApi.signedIn(backend, "pages-editor", Role.EDITOR);
        otherEditor = AdminApi.signedIn(backend, "pages-editor-2", Role.EDITOR);
        moderator = AdminApi.signedIn(backend, "pages-moderator", Role.MODERATOR);
        administrator = AdminApi.signedIn(backend, "pages-admin", Role.ADMINISTRATOR);
        backend.db().execute("INSERT INTO image (title, file, width, height) VALUES"
                + " ('Pages cover', 'original_images/pages-cover.jpg', 1920, 1080),"
                + " ('Pages hero', 'original_images/pages-hero.jpg', 1600, 500)");
        cover = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/pages-cover.jpg'");
        hero = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/pages-hero.jpg'");
    }

    @AfterAll
    static void removePages() {
        AdminFixture.removePagesOf(backend.db(), "pages-");
    }

    static ObjectNode exhibit(String title, String slug) {
        ObjectNode content = ApiJson.MAPPER.createObjectNode();
        content.put("title", title);
        content.put("slug", slug);
        content.putArray("body").addObject().put("type", "text").put("value", "<p>About " + title + "</p>");
        return content;
    }

    static String create(AdminApi api, String type, int parent, ObjectNode content) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("type", type);
        body.put("parent_id", parent);
        body.set("content", content);
        return api.post("/pages/", body.toString()).body();
    }

    static JsonNode created(AdminApi api, ObjectNode content) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("type", "exhibits.ExhibitPage");
        body.put("parent_id", 3);
        body.set("content", content);
        return AdminApi.json(api.post("/pages/", body.toString()), 201);
    }

    static HttpResponse<String> save(AdminApi api, JsonNode page, ObjectNode content) {
        return api.put("/pages/" + page.get("id").asInt(), "{\"content\":" + content + "}", page.get("etag").asText());
    }

    static HttpResponse<String> act(AdminApi api, JsonNode page, String action) {
        return api.send("POST", "/pages/" + page.get("id").asInt() + "/" + action, null, page.get("etag").asText());
    }

    static JsonNode publicExhibit(String slug) {
        return backend.getJson("/api/v2/pages/?slug=" + slug + "&type=exhibits.ExhibitPage&fields=*");
    }

    @Test
    void aDraftStaysOffTheSiteUntilPublishedAndEditsOfALivePageWaitForTheNextPublish() {
        JsonNode page = created(editor, exhibit("Admin Created Zanzibar", "admin-created-zanzibar"));
        assertEquals("draft", page.get("status").asText());
        assertFalse(page.get("live").asBoolean());
        assertTrue(page.get("etag").asText().matches("\"r\\d+\""));
        assertEquals(0, publicExhibit("admin-created-zanzibar").at("/meta/total_count").asInt());

        HttpResponse<String> refused = act(moderator, page, "publish");
        JsonNode problem = AdminApi.json(refused, 422);
        assertEquals("/content/cover_image_id", problem.at("/errors/0/pointer").asText());
        assertEquals("required_to_publish", problem.at("/errors/0/code").asText());
        assertEquals("/content/hero_image_id", problem.at("/errors/1/pointer").asText());

        ObjectNode withImages = exhibit("Admin Created Zanzibar", "admin-created-zanzibar");
        withImages.put("cover_image_id", cover).put("hero_image_id", hero);
        page = AdminApi.json(save(editor, page, withImages), 200);
        page = AdminApi.json(act(moderator, page, "publish"), 200);
        assertEquals("live", page.get("status").asText());
        JsonNode live = publicExhibit("admin-created-zanzibar");
        assertEquals(1, live.at("/meta/total_count").asInt(), "published pages show in the public API at once");
        assertEquals("Admin Created Zanzibar", live.at("/items/0/title").asText());
        assertEquals(1, backend.getJson("/api/v2/search/?q=zanzibar").at("/meta/total_count").asInt(),
                "and in search");

        page = AdminApi.json(save(editor, page, withImages.deepCopy().put("title", "Admin Renamed Zanzibar")), 200);
        assertEquals("live_with_draft", page.get("status").asText());
        assertEquals("Admin Created Zanzibar", publicExhibit("admin-created-zanzibar").at("/items/0/title").asText(),
                "a saved draft does not touch the live page");
        AdminApi.json(act(moderator, page, "publish"), 200);
        assertEquals("Admin Renamed Zanzibar", publicExhibit("admin-created-zanzibar").at("/items/0/title").asText());

        page = AdminApi.json(moderator.get("/pages/" + page.get("id").asInt()), 200);
        page = AdminApi.json(act(moderator, page, "unpublish"), 200);
        assertEquals("draft", page.get("status").asText());
        assertEquals(0, publicExhibit("admin-created-zanzibar").at("/meta/total_count").asInt());
        assertEquals(0, backend.getJson("/api/v2/search/?q=zanzibar").at("/meta/total_count").asInt());
    }

    @Test
    void writesNeedIfMatchAndAStaleOneNamesWhoSavedTheNewerRevision() {
        JsonNode page = created(editor, exhibit("Concurrent Edits", "concurrent-edits"));
        String path = "/pages/" + page.get("id").asInt();
        String body = "{\"content\":" + exhibit("Concurrent Edits", "concurrent-edits") + "}";
        HttpResponse<String> missing = editor.put(path, body, null);
        assertEquals(428, missing.statusCode());
        assertEquals("if_match_required", RunningBackend.json(missing).get("code").asText());

        String loadedByBoth = page.get("etag").asText();
        HttpResponse<String> first = otherEditor.put(path, body.replace("About Concurrent", "First editor's"),
                loadedByBoth);
        assertEquals(200, first.statusCode(), first.body());
        assertNotEquals(loadedByBoth, first.headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> second = editor.put(path, body.replace("About Concurrent", "Second editor's"), loadedByBoth);
        JsonNode stale = AdminApi.json(second, 412);
        assertEquals("stale_revision", stale.get("code").asText());
        assertEquals("pages-editor-2", stale.at("/latest_revision/user/username").asText());
        assertTrue(stale.get("detail").asText().contains("pages-editor-2"));
        JsonNode now = AdminApi.json(editor.get(path), 200);
        assertTrue(now.at("/content/body/0/value").asText().contains("First editor's"), "the first save stands");
    }

    @Test
    void invalidContentIs422WithPointersAndNothingIsStored() {
        JsonNode page = created(editor, exhibit("Validated Page", "validated-page"));
        int id = page.get("id").asInt();
        long revisions = backend.db().queryLong("SELECT count(*) FROM page_revision WHERE page_id = " + id);
        ObjectNode bad = exhibit("", "not a slug!");
        bad.put("cover_image_id", 999999);
        bad.put("colour", "red");
        bad.putArray("other_exhibits").add(1).add(2).add(3).add(4);
        ((com.fasterxml.jackson.databind.node.ArrayNode) bad.get("body")).addObject()
                .put("type", "interviews").putObject("value").put("guids", "").put("start_time", "soon");
        JsonNode problem = AdminApi.json(save(editor, page, bad), 422);
        assertEquals("validation_failed", problem.get("code").asText());
        String errors = problem.get("errors").toString();
        for (String pointer : new String[] {"/content/title", "/content/slug", "/content/cover_image_id",
                "/content/colour", "/content/other_exhibits", "/content/body/1/value/guids",
                "/content/body/1/value/start_time"}) {
            assertTrue(errors.contains("\"" + pointer + "\""), pointer + " missing in " + errors);
        }
        assertEquals(revisions, backend.db().queryLong("SELECT count(*) FROM page_revision WHERE page_id = " + id));
        assertEquals("Validated Page", AdminApi.json(editor.get("/pages/" + id), 200).at("/content/title").asText());
    }

    @Test
    void richTextIsStoredSanitised() {
        ObjectNode content = exhibit("Sanitised Page", "sanitised-page");
        ((ObjectNode) content.get("body").get(0)).put("value",
                "<p onclick=\"steal()\">Hi<script>alert(1)</script> <a href=\"javascript:alert(2)\">x</a>"
                        + "<img src=x onerror=alert(3)></p>");
        JsonNode page = created(editor, content);
        String stored = page.at("/content/body/0/value").asText();
        assertFalse(stored.contains("script") || stored.contains("onclick") || stored.contains("javascript:")
                || stored.contains("onerror"), stored);
        assertTrue(stored.contains("Hi"));
    }

    @Test
    void slugsAreUniqueAmongSiblingsAndBareSlugsOfExhibitsAndCollectionsAreNotShared() {
        created(editor, exhibit("Sibling One", "sibling-slug"));
        HttpResponse<String> sibling = editor.post("/pages/", "{\"type\":\"staticpages.StaticPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Sibling Two\",\"slug\":\"sibling-slug\"}}");
        assertEquals("slug_taken", AdminApi.json(sibling, 422).at("/errors/0/code").asText());
        int credits = (int) backend.db().queryLong("SELECT id FROM page WHERE slug = 'credits' AND parent_id = 3");
        HttpResponse<String> elsewhere = editor.post("/pages/", "{\"type\":\"staticpages.StaticPage\",\"parent_id\":"
                + credits + ",\"content\":{\"title\":\"Credits for it\",\"slug\":\"sibling-slug\"}}");
        JsonNode problem = AdminApi.json(elsewhere, 422);
        assertEquals("/content/slug", problem.at("/errors/0/pointer").asText());
        HttpResponse<String> exhibitTakingStaticSlug = editor.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\","
                + "\"parent_id\":" + credits + ",\"content\":{\"title\":\"About again\",\"slug\":\"about\"}}");
        assertEquals("slug_taken", AdminApi.json(exhibitTakingStaticSlug, 422).at("/errors/0/code").asText());
    }

    @Test
    void onlyAdministratorsAddOrChangeHtmlBlocksAndOthersMayKeepThem() {
        ObjectNode content = exhibit("Html Blocks", "html-blocks");
        ((com.fasterxml.jackson.databind.node.ArrayNode) content.get("body")).addObject()
                .put("type", "html").put("value", "<iframe src=\"https://americanarchive.org/embed/x\"></iframe>")
                .put("id", "5f0c1c3e-4c5e-4c1b-9d59-1c2e0f6a7b8c");
        JsonNode refused = AdminApi.json(editor.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":" + content + "}"), 422);
        assertEquals("forbidden_block", refused.at("/errors/0/code").asText());
        JsonNode page = AdminApi.json(administrator.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":" + content + "}"), 201);
        assertEquals("html", page.at("/content/body/1/type").asText());
        ObjectNode retitled = content.deepCopy().put("title", "Html Blocks Kept");
        page = AdminApi.json(save(editor, page, retitled), 200);
        assertEquals("Html Blocks Kept", page.at("/content/title").asText());
        ObjectNode changed = retitled.deepCopy();
        ((ObjectNode) changed.get("body").get(1)).put("value", "<script>alert(1)</script>");
        assertEquals("forbidden_block", AdminApi.json(save(editor, page, changed), 422).at("/errors/0/code").asText());
    }

    @Test
    void revisionsAreListedComparedAndRevertedIntoANewDraft() {
        JsonNode page = created(editor, exhibit("Revision One", "revisions-page"));
        page = AdminApi.json(save(editor, page, exhibit("Revision Two", "revisions-page")), 200);
        int id = page.get("id").asInt();
        JsonNode list = AdminApi.json(editor.get("/pages/" + id + "/revisions"), 200);
        assertEquals(2, list.get("items").size());
        long newest = list.at("/items/0/id").asLong();
        long oldest = list.at("/items/1/id").asLong();
        assertTrue(list.at("/items/0/latest").asBoolean());
        assertEquals("pages-editor", list.at("/items/0/user/username").asText());
        JsonNode diff = AdminApi.json(editor.get("/pages/" + id + "/revisions/compare?from=" + oldest + "&to=" + newest), 200);
        JsonNode title = null;
        for (JsonNode change : diff.get("changes")) {
            if (change.get("field").asText().equals("title")) {
                title = change;
            }
        }
        assertEquals("Revision One", title.get("from").asText());
        assertEquals("Revision Two", title.get("to").asText());
        assertTrue(diff.get("changes").toString().contains("\"change\":\"added\""), "body blocks compared");
        assertFalse(diff.get("changes").toString().contains("\"field\":\"slug\""), "unchanged fields left out");
        JsonNode reverted = AdminApi.json(editor.send("POST", "/pages/" + id + "/revisions/" + oldest + "/revert", null,
                page.get("etag").asText()), 200);
        assertEquals("Revision One", reverted.at("/content/title").asText());
        assertEquals(3, AdminApi.json(editor.get("/pages/" + id + "/revisions"), 200).get("items").size());
    }

    @Test
    void pagesMoveWithTheirSubtreeAndDeleteWithIt() {
        JsonNode parent = created(editor, exhibit("Moving Parent", "moving-parent"));
        int credits = (int) backend.db().queryLong("SELECT id FROM page WHERE slug = 'credits' AND parent_id = 3");
        JsonNode moved = AdminApi.json(moderator.send("POST", "/pages/" + parent.get("id").asInt() + "/move",
                "{\"parent_id\":" + credits + "}", parent.get("etag").asText()), 200);
        assertEquals("/home/credits/moving-parent/", moved.get("url_path").asText());
        HttpResponse<String> intoItself = moderator.send("POST", "/pages/" + credits + "/move",
                "{\"parent_id\":" + parent.get("id").asInt() + "}", AdminApi.json(moderator.get("/pages/" + credits), 200)
                        .get("etag").asText());
        assertEquals("inside_itself", AdminApi.json(intoItself, 422).at("/errors/0/code").asText());
        JsonNode deleted = AdminApi.json(moderator.delete("/pages/" + parent.get("id").asInt(), moved.get("etag").asText()),
                200);
        assertEquals(1, deleted.get("pages_deleted").asInt());
        assertEquals(404, moderator.get("/pages/" + parent.get("id").asInt()).statusCode());
        assertEquals(409, moderator.delete("/pages/3", "*").statusCode(), "the home page stays");
    }

    @Test
    void schedulingNeedsAFutureTime() {
        JsonNode page = created(editor, exhibit("Scheduled Later", "scheduled-later"));
        HttpResponse<String> past = moderator.send("POST", "/pages/" + page.get("id").asInt() + "/schedule",
                "{\"go_live_at\":\"2020-01-01T00:00:00Z\"}", page.get("etag").asText());
        assertEquals("not_in_future", AdminApi.json(past, 422).at("/errors/0/code").asText());
        HttpResponse<String> badTime = moderator.send("POST", "/pages/" + page.get("id").asInt() + "/schedule",
                "{\"go_live_at\":\"tomorrow\"}", page.get("etag").asText());
        assertEquals("invalid_time", AdminApi.json(badTime, 422).at("/errors/0/code").asText());
    }

    @Test
    void theExplorerListsChildrenWithStatusAndFindsByTitle() {
        created(editor, exhibit("Explorer Findable Quokka", "explorer-quokka"));
        JsonNode found = AdminApi.json(editor.get("/pages/?search=quokka"), 200);
        assertEquals(1, found.get("items").size());
        assertEquals("draft", found.at("/items/0/status").asText());
        assertEquals("pages-editor", found.at("/items/0/edited_by").asText());
        JsonNode children = AdminApi.json(editor.get("/pages/?parent_id=3&limit=500"), 200);
        assertTrue(children.get("items").size() > 5);
    }

    @Test
    void contentLoadedBeforeTheAdminIsEditableAndGetsItsFirstRevisionWhenPublished() {
        int id = (int) backend.db().queryLong("SELECT id FROM page WHERE slug = 'ex-plain-old'");
        JsonNode page = AdminApi.json(editor.get("/pages/" + id), 200);
        assertEquals("\"r0\"", page.get("etag").asText());
        assertEquals("Plain Old", page.at("/content/title").asText());
        assertTrue(page.get("latest_revision").isNull());
    }

    @Test
    void aPublishThatFailsHalfwayLeavesNothingWritten() {
        backend.db().execute("INSERT INTO image (title, file, width, height) VALUES"
                + " ('Doomed', 'original_images/pages-doomed.jpg', 800, 600)");
        long doomed = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/pages-doomed.jpg'");
        ObjectNode content = exhibit("Half Written Before", "half-written");
        content.put("cover_image_id", cover).put("hero_image_id", hero);
        JsonNode page = created(editor, content);
        page = AdminApi.json(act(moderator, page, "publish"), 200);
        ObjectNode changed = content.deepCopy().put("title", "Half Written After").put("hero_image_id", doomed);
        page = AdminApi.json(save(editor, page, changed), 200);
        backend.db().execute("DELETE FROM image WHERE id = " + doomed);
        int id = page.get("id").asInt();
        long audited = backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'page.publish'"
                + " AND object_id = '" + id + "'");
        HttpResponse<String> failed = act(moderator, page, "publish");
        assertEquals(409, failed.statusCode(), failed.body());
        assertEquals("Half Written Before", publicExhibit("half-written").at("/items/0/title").asText());
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM page WHERE id = " + id
                + " AND title = 'Half Written Before' AND has_unpublished_changes"));
        assertEquals(audited, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'page.publish'"
                + " AND object_id = '" + id + "'"), "no audit entry for what did not happen");
    }

    @Test
    void savingADraftKeepsThePublicResponseCacheAndPublishingRenewsIt() {
        ObjectNode content = exhibit("Cache Keeper", "cache-keeper");
        content.put("cover_image_id", cover).put("hero_image_id", hero);
        JsonNode page = AdminApi.json(act(moderator, created(editor, content), "publish"), 200);
        long version = backend.db().queryLong("SELECT version FROM content_version");
        page = AdminApi.json(save(editor, page, content.deepCopy().put("title", "Cache Keeper Draft")), 200);
        assertEquals(version, backend.db().queryLong("SELECT version FROM content_version"),
                "a draft changes nothing the public API shows");
        AdminApi.json(act(moderator, page, "publish"), 200);
        assertTrue(backend.db().queryLong("SELECT version FROM content_version") > version);
    }
}
