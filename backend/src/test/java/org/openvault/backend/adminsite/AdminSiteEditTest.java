package org.openvault.backend.adminsite;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Connection;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page edit screen as a browser without JavaScript uses it: load the form, change fields, press a button. */
class AdminSiteEditTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);

    private static final String PREFIX = "adminsite-edit-";
    private static final String COOKIE = "__Host-ov_session";
    private static final AtomicInteger PAGES = new AtomicInteger();
    private static AdminApi editorApi;
    private static AdminApi moderatorApi;

    @BeforeAll
    static void accounts() {
        editorApi = AdminApi.signedIn(backend, PREFIX + "editor", Role.EDITOR);
        moderatorApi = AdminApi.signedIn(backend, PREFIX + "moderator", Role.MODERATOR);
    }

    @AfterAll
    static void cleanUp() {
        AdminFixture.removePagesOf(backend.db(), PREFIX);
    }

    /** A live static page under Home, created by the editor and published by the moderator; answers its JSON. */
    private static JsonNode liveStaticPage() {
        String slug = PREFIX + "static-" + PAGES.incrementAndGet();
        JsonNode page = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"staticpages.StaticPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Adminsite Original\",\"slug\":\"" + slug + "\",\"subtitle\":\"Sub\","
                + "\"body\":\"<p>Original body</p>\"}}"), 201);
        return AdminApi.json(moderatorApi.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
    }

    private static String session(String username) {
        return SITE.session(username, null);
    }

    private static String editPath(JsonNode page) {
        return "/admin/pages/" + page.get("id").asInt() + "/edit";
    }

    /** What a browser would send for the edit form with these changes and the given button. */
    private static Map<String, String> submission(Document form, String action, Map<String, String> changes) {
        Map<String, String> fields = AdminSiteClient.submission(form, "form.edit-form", changes);
        fields.put("action", action);
        return fields;
    }

    private static JsonNode publicPage(JsonNode page) {
        return backend.getJson("/api/v2/static_pages/?path=/" + page.at("/content/slug").asText());
    }

    @Test
    void theEditorSavesADraftAndThePublicPageStaysAsItWas() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        for (String name : new String[] {"title", "slug", "seo_title", "search_description", "show_in_menus",
                "subtitle", "body"}) {
            Element input = form.selectFirst("[name=" + name + "]");
            assertNotNull(input, name);
            assertNotNull(form.selectFirst("label[for=" + input.id() + "]"), "label for " + name);
            assertNotNull(form.getElementById(input.attr("aria-describedby")), "help for " + name);
        }
        assertEquals("Adminsite Original", form.selectFirst("input[name=title]").val());
        assertEquals("<p>Original body</p>", form.selectFirst("textarea[name=body]").val());
        assertEquals("Live", form.selectFirst(".status-line .status").text());
        assertTrue(form.selectFirst("#field-body-help").text().contains("sanitised"));
        assertTrue(form.selectFirst("a.public-link").attr("href").endsWith("/" + page.at("/content/slug").asText()
                + "/"), form.selectFirst("a.public-link").attr("href"));
        assertNotNull(form.selectFirst("button[value=save]"));
        assertNull(form.selectFirst("button[value=publish]"), "editors do not see Publish");

        HttpResponse<String> saved = SITE.post(editPath(page), submission(form, "save",
                Map.of("title", "Adminsite Edited Title")), cookie);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(editPath(page) + "?saved=1", saved.headers().firstValue("location").orElse(""));

        Document after = SITE.html(SITE.get(editPath(page) + "?saved=1", cookie), 200);
        assertTrue(after.selectFirst("[role=status]").text().startsWith("Saved as a draft."));
        assertEquals("Adminsite Edited Title", after.selectFirst("input[name=title]").val());
        assertEquals("Live + draft changes", after.selectFirst(".status-line .status").text());
        assertEquals(PREFIX + "editor", after.selectFirst(".saved-by").text());
        assertNotEquals(form.selectFirst("input[name=etag]").val(), after.selectFirst("input[name=etag]").val());
        assertEquals("Sub", AdminApi.json(editorApi.get("/pages/" + page.get("id").asInt()), 200)
                .at("/content/subtitle").asText());
        assertEquals("Adminsite Original", publicPage(page).get("title").asText(), "the live page is unchanged");
    }

    @Test
    void theModeratorPublishesAndThePublicApiShowsIt() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "moderator");
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        assertNotNull(form.selectFirst("button[value=publish]"));
        assertNotNull(form.selectFirst("button[value=unpublish]"));
        HttpResponse<String> published = SITE.post(editPath(page), submission(form, "publish",
                Map.of("title", "Adminsite Published Title", "body", "<p onclick=\"x()\">New body</p>")), cookie);
        assertEquals(303, published.statusCode(), published.body());
        assertEquals(editPath(page) + "?published=1", published.headers().firstValue("location").orElse(""));
        JsonNode live = publicPage(page);
        assertEquals("Adminsite Published Title", live.get("title").asText());
        assertEquals("<p>New body</p>", live.get("body").asText());
        Document after = SITE.html(SITE.get(editPath(page) + "?published=1", cookie), 200);
        assertEquals("Live", after.selectFirst(".status-line .status").text());
    }

    @Test
    void aForgedPublishFromAnEditorIsRefused() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        Document refused = SITE.html(SITE.post(editPath(page), submission(form, "publish",
                Map.of("title", "Adminsite Forged")), cookie), 403);
        assertEquals("Not allowed", refused.selectFirst("h1").text());
        assertEquals("Adminsite Original", AdminApi.json(editorApi.get("/pages/" + page.get("id").asInt()), 200)
                .at("/content/title").asText(), "nothing was saved");
        SITE.html(SITE.post(editPath(page), submission(form, "unpublish", Map.of()), cookie), 403);
    }

    @Test
    void aBadSlugIsShownNextToTheSlugFieldAndTheTypedTitleIsKept() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        Document refused = SITE.html(SITE.post(editPath(page), submission(form, "save",
                Map.of("title", "Adminsite Typed <Title>", "slug", "not a slug!")), cookie), 422);
        Element slug = refused.selectFirst("input[name=slug]");
        assertEquals("not a slug!", slug.val());
        assertEquals("true", slug.attr("aria-invalid"));
        assertTrue(slug.attr("aria-describedby").contains("field-slug-error"));
        assertTrue(refused.getElementById("field-slug-error").text().contains("hyphens"),
                refused.getElementById("field-slug-error").text());
        assertEquals("Adminsite Typed <Title>", refused.selectFirst("input[name=title]").val());
        assertEquals("", refused.selectFirst("input[name=title]").attr("aria-invalid"));
        assertNotNull(refused.selectFirst("[role=alert] a[href=#field-slug]"));
        assertEquals(form.selectFirst("input[name=etag]").val(), refused.selectFirst("input[name=etag]").val());
    }

    @Test
    void aStaleFormShowsWhoSavedMeanwhileAndKeepsTheTypedText() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get(editPath(page), cookie), 200);
        ObjectNode content = (ObjectNode) page.get("content").deepCopy();
        content.put("subtitle", "The moderator's subtitle");
        AdminApi.json(moderatorApi.put("/pages/" + page.get("id").asInt(), "{\"content\":" + content + "}",
                page.get("etag").asText()), 200);

        Document stale = SITE.html(SITE.post(editPath(page), submission(form, "save",
                Map.of("title", "Adminsite Editor's Words")), cookie), 409);
        Element banner = stale.selectFirst(".stale[role=alert]");
        assertNotNull(banner, stale.body().text());
        assertTrue(banner.text().contains(PREFIX + "moderator"), banner.text());
        assertNotNull(banner.selectFirst("time[datetime]"));
        assertEquals("Adminsite Editor's Words", stale.selectFirst("input[name=title]").val());
        assertNotEquals(form.selectFirst("input[name=etag]").val(), stale.selectFirst("input[name=etag]").val(),
                "saving again stands on the newer revision, as the banner says");
        assertEquals("The moderator's subtitle", AdminApi.json(editorApi.get("/pages/" + page.get("id").asInt()), 200)
                .at("/content/subtitle").asText());
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        JsonNode page = liveStaticPage();
        String cookie = session(PREFIX + "editor");
        Map<String, String> fields = submission(SITE.html(SITE.get(editPath(page), cookie), 200), "save",
                Map.of("title", "Adminsite No Token"));
        fields.remove("csrf_token");
        Document refused = SITE.html(SITE.post(editPath(page), fields, cookie), 403);
        assertEquals("Not allowed", refused.selectFirst("h1").text());
    }

    @Test
    void savingAnExhibitsCommonFieldsKeepsEveryOtherValueAsItWas() {
        JsonNode created = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Adminsite Exhibit\",\"slug\":\"" + PREFIX + "exhibit\","
                + "\"body\":[{\"type\":\"text\",\"value\":\"<p>Exhibit words</p>\"},"
                + "{\"type\":\"photographs\",\"value\":{\"guids\":[\"cpb-aacip-1\",\"cpb-aacip-2\"],"
                + "\"show_sidebar\":false,\"start_time\":\"3725.5\",\"access_level\":\"digitized\","
                + "\"special_collections\":\"a b\",\"title\":\"<p><i>Pictures</i></p>\"}}],"
                + "\"footnotes\":[{\"text\":\"<p>Note</p>\"}],\"featured\":true}}"), 201);
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get(editPath(created), cookie), 200);
        assertNull(form.selectFirst(".read-only"), "every field of an exhibit has its input");
        assertEquals("1:02:05.5", form.selectFirst("input[name=body/1/value/start_time]").val());
        assertEquals(303, SITE.post(editPath(created), submission(form, "save",
                Map.of("title", "Adminsite Exhibit Renamed")), cookie).statusCode());
        JsonNode after = AdminApi.json(editorApi.get("/pages/" + created.get("id").asInt()), 200);
        assertEquals("Adminsite Exhibit Renamed", after.at("/content/title").asText());
        ObjectNode before = (ObjectNode) created.get("content").deepCopy();
        before.put("title", "Adminsite Exhibit Renamed");
        assertEquals(before, after.get("content"));
    }

    @Test
    void theExplorerLinksTitlesToTheEditScreen() {
        JsonNode page = liveStaticPage();
        Document home = SITE.html(SITE.get("/admin/pages/?q=Adminsite+Original",
                session(PREFIX + "editor")), 200);
        Element link = home.selectFirst("tbody th a[href=" + editPath(page) + "]");
        assertNotNull(link, home.select("tbody").html());
        assertFalse(link.text().isEmpty());
    }
}
