package org.openvault.backend.adminsite;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;
import org.openvault.backend.images.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The StreamField editor, footnotes, author and other-exhibit pickers and image pickers of the edit screen, as a
 * browser without JavaScript uses them: every list action posts the whole form and gets it back changed, unsaved.
 */
class AdminSiteStreamTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);

    private static final String PREFIX = "adminsite-stream-";
    private static final AtomicInteger PAGES = new AtomicInteger();
    private static AdminApi editorApi;
    private static AdminApi moderatorApi;
    private static long author;
    private static int image;

    @BeforeAll
    static void accounts() {
        editorApi = AdminApi.signedIn(backend, PREFIX + "editor", Role.EDITOR);
        moderatorApi = AdminApi.signedIn(backend, PREFIX + "moderator", Role.MODERATOR);
        AdminFixture.createUser(backend.db(), PREFIX + "admin", Role.ADMINISTRATOR);
        author = AdminApi.json(editorApi.post("/authors/", "{\"name\":\"Stream Test Author\"}"), 201).get("id").asLong();
        image = new TestImages(backend.db(), backend.mediaRoot()).create("Stream test mural", 320, 240, "png", 160, 120,
                20, null);
    }

    @AfterAll
    static void cleanUp() {
        AdminFixture.removePagesOf(backend.db(), PREFIX);
        backend.db().execute("DELETE FROM author WHERE id = " + author, "DELETE FROM image WHERE id = " + image);
    }

    private static JsonNode exhibit() {
        String slug = PREFIX + PAGES.incrementAndGet();
        return AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Stream Exhibit " + slug + "\",\"slug\":\"" + slug + "\"}}"), 201);
    }

    private static String editPath(JsonNode page) {
        return "/admin/pages/" + page.get("id").asInt() + "/edit";
    }

    /** Presses the button {@code action} of the edit form with these changes; answers the form sent back. */
    private static Document press(Document form, JsonNode page, String cookie, String action,
                                  Map<String, String> changes) {
        Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form", changes);
        fields.put("action", action);
        return SITE.html(SITE.post(editPath(page), fields, cookie), 200);
    }

    @Test
    void anExhibitIsWrittenBlockByBlockAndPublishedWithoutJavaScript() {
        JsonNode page = exhibit();
        JsonNode other = exhibit();
        JsonNode withImages = AdminApi.json(editorApi.put("/pages/" + other.get("id").asInt(), "{\"content\":"
                + ((ObjectNode) other.get("content").deepCopy()).put("cover_image_id", image).put("hero_image_id", image) + "}",
                other.get("etag").asText()), 200);
        AdminApi.json(moderatorApi.send("POST", "/pages/" + other.get("id").asInt() + "/publish", null,
                withImages.get("etag").asText()), 200);
        String cookie = SITE.session(PREFIX + "moderator", null);
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        assertEquals("No blocks yet. Add the first one below.", form.selectFirst("#field-body p").text());
        List<String> offered = form.select("select[name=body/new] option").eachAttr("value");
        assertEquals(List.of("interviews", "archival_footage", "photographs", "original_footage", "programs",
                "related_content", "credits", "heading", "text", "subheading"), offered, "no html for moderators");

        form = press(form, page, cookie, "add:body", Map.of("body/new", "text", "title", "Typed Title"));
        assertEquals("Typed Title", form.selectFirst("input[name=title]").val(), "typed fields survive list actions");
        Element text = form.selectFirst("textarea[name=body/0/value]");
        assertNotNull(text);
        assertTrue(text.hasAttr("autofocus"), "the new block's input gets the focus");
        assertEquals("field-body-0-value", text.id());
        assertNotNull(form.selectFirst("label[for=field-body-0-value]"));
        assertTrue(form.selectFirst("[role=status]").text().contains("Save the draft"));

        form = press(form, page, cookie, "add:body", Map.of("body/new", "interviews",
                "body/0/value", "<p>Words <script>x()</script>of the exhibit</p>"));
        assertEquals("<p>Words <script>x()</script>of the exhibit</p>",
                form.selectFirst("textarea[name=body/0/value]").val(), "nothing is sanitised before saving");
        assertNotNull(form.selectFirst("textarea[name=body/1/value/guids]"));
        assertTrue(form.selectFirst("input[name=body/1/value/show_title]").hasAttr("checked"));
        assertEquals("online", form.selectFirst("select[name=body/1/value/access_level] option[selected]").val());

        Map<String, String> group = new HashMap<>(Map.of("body/1/value/guids", "cpb-aacip-1\ncpb-aacip-2",
                "body/1/value/start_time", "0:01:30", "body/1/value/title", "The interviews"));
        form = press(form, page, cookie, "up:body:1", group);
        assertEquals("interviews", form.selectFirst("input[name=body/0/type]").val(), "moved up");
        assertEquals("cpb-aacip-1\ncpb-aacip-2", form.selectFirst("textarea[name=body/0/value/guids]").val());
        assertEquals("0:01:30", form.selectFirst("input[name=body/0/value/start_time]").val());
        assertTrue(form.selectFirst("#button-down-body-0").hasAttr("autofocus"), "focus follows the moved block");
        assertNull(form.selectFirst("#button-up-body-0"), "the first block cannot move up");

        form = press(form, page, cookie, "add:footnotes", Map.of());
        String uuid = form.selectFirst("input[name=footnotes/0/uuid]").val();
        String marker = "<footnote id=\"" + uuid + "\">[" + uuid.substring(0, 6) + "]</footnote>";
        assertEquals(marker, form.selectFirst("#field-footnotes-0-help code").text());
        form = press(form, page, cookie, "add:authors", Map.of("authors/new", String.valueOf(author),
                "footnotes/0/text", "<p>A <b>source</b></p>",
                "body/1/value", "<p>Words of the exhibit" + marker + "</p>"));
        assertEquals("Stream Test Author", form.selectFirst("#field-authors-0 .picked-label").text());
        form = press(form, page, cookie, "add:other_exhibits", Map.of("other_exhibits/new",
                String.valueOf(other.get("id").asInt())));
        assertTrue(form.select("select[name=other_exhibits/new] option").eachAttr("value")
                .stream().noneMatch(v -> v.equals(String.valueOf(page.get("id").asInt()))), "not itself");

        Map<String, String> chosen = new HashMap<>();
        for (String picker : List.of("cover_image_id", "hero_image_id")) {
            Map<String, String> search = new HashMap<>(chosen);
            search.put(picker + "/search", "stream test");
            form = press(form, page, cookie, "find:" + picker, search);
            Element choice = form.selectFirst("input[type=radio][name=" + picker + "][value=" + image + "]");
            assertNotNull(choice, form.selectFirst("#field-" + picker).html());
            assertTrue(form.selectFirst("label[for=" + choice.id() + "] img").attr("src").startsWith("/media/"));
            assertTrue(form.selectFirst("#field-" + picker + "-found").hasAttr("autofocus"));
            chosen = Map.of(picker, String.valueOf(image));
        }
        form = press(form, page, cookie, "add:footnotes", chosen);
        assertEquals("Stream test mural", form.selectFirst("#field-cover_image_id .image-title").text());
        assertEquals("Stream test mural", form.selectFirst("#field-hero_image_id .image-title").text());
        form = press(form, page, cookie, "delete:footnotes:1", Map.of());

        Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form", Map.of());
        fields.put("action", "publish");
        HttpResponse<String> published = SITE.post(editPath(page), fields, cookie);
        assertEquals(editPath(page) + "?published=1", AdminSiteClient.location(published));

        JsonNode live = backend.getJson("/api/v2/pages/" + page.get("id").asInt() + "/?fields=*");
        JsonNode body = live.get("body");
        assertEquals(2, body.size(), body.toString());
        assertEquals("interviews", body.get(0).get("type").asText());
        assertEquals("cpb-aacip-1", body.get(0).at("/value/guids/0").asText());
        assertEquals("90.0", body.get(0).at("/value/start_time").asText());
        assertEquals("The interviews", body.get(0).at("/value/title").asText());
        assertEquals("<p>Words of the exhibit" + marker + "</p>", body.get(1).get("value").asText());
        assertEquals(uuid, live.at("/footnotes/0/uuid").asText());
        assertEquals("<p>A <b>source</b></p>", live.at("/footnotes/0/text").asText());
        assertEquals("Stream Test Author", live.at("/authors/0/name").asText(), live.get("authors").toString());
        assertEquals(other.get("id").asInt(), live.at("/other_exhibits/0/exhibit_id").asInt(),
                live.get("other_exhibits").toString());
        assertFalse(live.get("cover_image").isNull());
    }

    @Test
    void aRefusedSaveShowsEachMessageNextToItsInputAndKeepsWhatWasTyped() {
        JsonNode page = exhibit();
        String cookie = SITE.session(PREFIX + "editor", null);
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        form = press(form, page, cookie, "add:body", Map.of("body/new", "programs"));
        form = press(form, page, cookie, "add:body", Map.of("body/new", "heading",
                "body/0/value/guids", "cpb-aacip-9", "body/0/value/start_time", "soon"));
        Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form",
                Map.of("body/1/value", "<p>A <i>heading</i></p>"));
        fields.put("action", "save");
        Document refused = SITE.html(SITE.post(editPath(page), fields, cookie), 422);
        Element input = refused.selectFirst("#field-body-0-value-start_time");
        assertEquals("soon", input.val(), "what was typed stays");
        assertEquals("true", input.attr("aria-invalid"));
        assertTrue(refused.selectFirst("#field-body-0-value-start_time-error").text().contains("seconds"));
        assertTrue(refused.selectFirst("#error-summary a[href=#field-body-0-value-start_time]").text()
                .startsWith("Block 1, start time: Must be seconds"));
        assertEquals("<p>A <i>heading</i></p>", refused.selectFirst("textarea[name=body/1/value]").val());
        assertEquals(0, AdminApi.json(editorApi.get("/pages/" + page.get("id").asInt()), 200)
                .at("/content/body").size(), "nothing was saved");
    }

    @Test
    void listActionsAreCheckedByTheServer() {
        JsonNode page = exhibit();
        String cookie = SITE.session(PREFIX + "editor", null);
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        for (String action : List.of("up:body:0", "delete:body:5", "add:nothing", "up:body:x", "clear:title")) {
            Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form", Map.of());
            fields.put("action", action);
            assertEquals(400, SITE.post(editPath(page), fields, cookie).statusCode(), action);
        }
        Document added = press(form, page, cookie, "add:body", Map.of("body/new", "html"));
        assertNull(added.selectFirst("input[name=body/0/type]"), "editors cannot add html blocks");

        String admin = SITE.session(PREFIX + "admin", null);
        Document adminForm = SITE.html(SITE.get(editPath(page), admin), 200);
        assertTrue(adminForm.select("select[name=body/new] option").eachAttr("value").contains("html"));
        adminForm = press(adminForm, page, admin, "add:body", Map.of("body/new", "html"));
        assertEquals("html", adminForm.selectFirst("input[name=body/0/type]").val());
        adminForm = press(adminForm, page, admin, "delete:body:0", Map.of());
        assertNull(adminForm.selectFirst("input[name=body/0/type]"));
    }

    @Test
    void previewShowsTheUnsavedFormOnThePublicSitesPreviewRoute() {
        JsonNode page = exhibit();
        String cookie = SITE.session(PREFIX + "editor", null);
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        Element button = form.selectFirst("button[value=preview]");
        assertEquals("_blank", button.attr("formtarget"));
        form = press(form, page, cookie, "add:body", Map.of("body/new", "heading"));
        Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form",
                Map.of("title", "Previewed Title", "body/0/value", "<p>Previewed heading</p>"));
        fields.put("action", "preview");
        String location = AdminSiteClient.location(SITE.post(editPath(page), fields, cookie));
        assertTrue(location.contains("/preview?content_type=exhibits.exhibitpage&token="), location);
        JsonNode preview = backend.getJson("/api/v2/page_preview/" + page.get("id").asInt() + "/"
                + location.substring(location.indexOf('?')));
        assertEquals("Previewed Title", preview.get("title").asText());
        assertEquals("<p>Previewed heading</p>", preview.at("/body/0/value").asText());
        assertEquals("Stream Exhibit " + page.at("/content/slug").asText(), AdminApi.json(editorApi.get("/pages/"
                + page.get("id").asInt()), 200).at("/content/title").asText(), "nothing was saved");

        fields.put("body/0/type", "no_such_block");
        Document refused = SITE.html(SITE.post(editPath(page), fields, cookie), 422);
        assertTrue(refused.selectFirst("[role=status]").text().startsWith("The preview could not be made"));
        assertNotNull(refused.selectFirst("#error-summary a[href=#field-body-0]"));
    }
}
