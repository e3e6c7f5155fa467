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
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;

import static org.openvault.backend.adminsite.AdminSiteClient.submission;
import static org.openvault.backend.adminsite.AdminSiteClient.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, history and reverting, moving, scheduling and deleting pages in the web admin, as a browser does it. */
class AdminSiteActionsTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);

    private static final String PREFIX = "adminsite-actions-";
    private static final String COOKIE = "__Host-ov_session";
    private static final String STATIC = "staticpages.StaticPage";
    private static final AtomicInteger PAGES = new AtomicInteger();
    private static AdminApi editorApi;

    @BeforeAll
    static void accounts() {
        editorApi = AdminApi.signedIn(backend, PREFIX + "editor", Role.EDITOR);
        AdminFixture.createUser(backend.db(), PREFIX + "moderator", Role.MODERATOR);
    }

    @AfterAll
    static void cleanUp() {
        AdminFixture.removePagesOf(backend.db(), PREFIX);
    }

    /** A draft static page under Home, created by the editor over the JSON API; answers its JSON. */
    private static JsonNode draftPage(String title) {
        String slug = PREFIX + "page-" + PAGES.incrementAndGet();
        return AdminApi.json(editorApi.post("/pages/", "{\"type\":\"" + STATIC + "\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"" + title + "\",\"slug\":\"" + slug + "\"}}"), 201);
    }

    private static String session(String username) {
        return SITE.session(username, null);
    }

    private static String editPath(int id) {
        return "/admin/pages/" + id + "/edit";
    }

    @Test
    void theEditorCreatesAStaticPageUnderHomeThroughTheForm() {
        String cookie = session(PREFIX + "editor");
        Document home = SITE.html(SITE.get("/admin/pages/", cookie), 200);
        Element add = home.selectFirst("a[href=/admin/pages/3/add]");
        assertNotNull(add, "Home's listing links to adding a child page");
        assertEquals("Add child page", add.text());

        Document form = SITE.html(SITE.get("/admin/pages/3/add", cookie), 200);
        for (String name : new String[] {"title", "slug"}) {
            Element input = form.selectFirst("input[name=" + name + "]");
            assertNotNull(form.selectFirst("label[for=" + input.id() + "]"), "label for " + name);
            assertNotNull(form.getElementById(input.attr("aria-describedby")), "help for " + name);
        }
        Elements types = form.select("input[type=radio][name=type]");
        assertEquals(3, types.size());
        String slug = PREFIX + "created";
        String created = location(SITE.post("/admin/pages/3/add", submission(form, "form.add-form",
                Map.of("type", STATIC, "title", "Adminsite Created Page", "slug", slug)), cookie));
        assertTrue(created.matches("/admin/pages/\\d+/edit\\?created=1"), created);

        Document edit = SITE.html(SITE.get(created, cookie), 200);
        assertEquals("Adminsite Created Page", edit.selectFirst("input[name=title]").val());
        assertEquals(slug, edit.selectFirst("input[name=slug]").val());
        assertEquals("Draft", edit.selectFirst(".status-line .status").text());
        assertTrue(edit.selectFirst("[role=status]").text().startsWith("Created as a draft."));
        assertNotNull(edit.selectFirst("textarea[name=body]"), "a static page's own fields are on its edit screen");
    }

    @Test
    void anEmptyTitleIsShownNextToTheTitleAndTheChosenTypeIsKept() {
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get("/admin/pages/3/add", cookie), 200);
        Document refused = SITE.html(SITE.post("/admin/pages/3/add", submission(form, "form.add-form",
                Map.of("type", STATIC, "title", "", "slug", "kept-<slug>")), cookie), 422);
        Element title = refused.selectFirst("input[name=title]");
        assertEquals("true", title.attr("aria-invalid"));
        assertTrue(title.attr("aria-describedby").contains("title-error"));
        assertNotNull(refused.getElementById("title-error"), refused.body().html());
        assertTrue(refused.selectFirst("input[type=radio][value=" + STATIC + "]").hasAttr("checked"));
        assertEquals(1, refused.select("input[type=radio][checked]").size());
        assertEquals("kept-<slug>", refused.selectFirst("input[name=slug]").val());
        assertNotNull(refused.selectFirst("[role=alert] a[href=#field-title]"));
    }

    @Test
    void historyIsPagedFiftyRevisionsAtATime() {
        JsonNode page = draftPage("Adminsite Long History");
        int id = page.get("id").asInt();
        String etag = page.get("etag").asText();
        for (int i = 0; i < 51; i++) {
            ObjectNode content = (ObjectNode) page.get("content").deepCopy();
            content.put("title", "Adminsite Long History " + i);
            etag = AdminApi.json(editorApi.put("/pages/" + id, "{\"content\":" + content + "}", etag), 200)
                    .get("etag").asText();
        }
        String cookie = session(PREFIX + "editor");
        Document first = SITE.html(SITE.get("/admin/pages/" + id + "/history", cookie), 200);
        assertEquals(HistoryPage.SHOWN, first.select("table.history tbody tr").size());
        assertEquals("/admin/pages/" + id + "/history?page=2", first.selectFirst("a[rel=next]").attr("href"));
        assertNull(first.selectFirst("a[rel=prev]"));
        Document second = SITE.html(SITE.get("/admin/pages/" + id + "/history?page=2", cookie), 200);
        assertEquals(2, second.select("table.history tbody tr").size(), "52 revisions: 50, then 2");
        assertNull(second.selectFirst("a[rel=next]"));
        assertNotNull(second.selectFirst("a[rel=prev]"));
        assertNotNull(second.selectFirst("a[href*=compare]"), "the last row of the first page compares with the next");
        assertEquals("First revision", second.select("table.history tbody tr").last().selectFirst("td:last-child").text());
    }

    @Test
    void historyListsRevisionsComparesThemAndRevertsToTheOldTitle() {
        JsonNode page = draftPage("Adminsite History Before");
        int id = page.get("id").asInt();
        String cookie = session(PREFIX + "editor");
        Document edit = SITE.html(SITE.get(editPath(id), cookie), 200);
        assertNotNull(edit.selectFirst("a[href=/admin/pages/" + id + "/history]"));
        Map<String, String> save = submission(edit, "form.edit-form", Map.of("title", "Adminsite History After"));
        save.put("action", "save");
        location(SITE.post(editPath(id), save, cookie));

        Document history = SITE.html(SITE.get("/admin/pages/" + id + "/history", cookie), 200);
        Elements rows = history.select("table.history tbody tr");
        assertEquals(2, rows.size(), history.body().html());
        assertEquals(PREFIX + "editor", rows.get(0).select("td").get(1).text());
        assertTrue(rows.get(0).text().contains("Latest"));
        assertTrue(!rows.get(1).text().contains("Latest"));
        Element compareLink = rows.get(0).selectFirst("a");
        assertEquals("Compare with the previous", compareLink.text());

        Document compare = SITE.html(SITE.get(compareLink.attr("href"), cookie), 200);
        Element titleRow = compare.select("table.changes tbody tr").stream()
                .filter(r -> r.selectFirst("th").text().equals("title")).findFirst().orElseThrow();
        assertEquals("Adminsite History Before", titleRow.selectFirst("td.before").text());
        assertEquals("Adminsite History After", titleRow.selectFirst("td.after").text());

        String reverted = location(SITE.post(compare.selectFirst("form.revert").attr("action"),
                submission(compare, "form.revert", Map.of()), cookie));
        assertEquals(editPath(id) + "?reverted=1", reverted);
        Document after = SITE.html(SITE.get(reverted, cookie), 200);
        assertEquals("Adminsite History Before", after.selectFirst("input[name=title]").val());
        Elements now = SITE.html(SITE.get("/admin/pages/" + id + "/history", cookie), 200).select("table.history tbody tr");
        assertEquals(3, now.size());
        assertTrue(now.get(0).text().contains("Latest"));
    }

    @Test
    void anEditorSeesNoModeratorActionsAndAForgedDeleteIsRefused() {
        JsonNode page = draftPage("Adminsite Editor Page");
        int id = page.get("id").asInt();
        String cookie = session(PREFIX + "editor");
        Document edit = SITE.html(SITE.get(editPath(id), cookie), 200);
        assertNull(edit.selectFirst("form.move-form"));
        assertNull(edit.selectFirst("form.schedule-form"));
        assertNull(edit.selectFirst("a.delete-link"));
        SITE.html(SITE.get("/admin/pages/" + id + "/delete", cookie), 403);
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("csrf_token", edit.selectFirst("input[name=csrf_token]").val());
        forged.put("etag", page.get("etag").asText());
        Document refused = SITE.html(SITE.post("/admin/pages/" + id + "/delete", forged, cookie), 403);
        assertEquals("Not allowed", refused.selectFirst("h1").text());
        AdminApi.json(editorApi.get("/pages/" + id), 200);
    }

    @Test
    void aModeratorDeletesAfterConfirming() {
        JsonNode page = draftPage("Adminsite Doomed Page");
        int id = page.get("id").asInt();
        String cookie = session(PREFIX + "moderator");
        Document edit = SITE.html(SITE.get(editPath(id), cookie), 200);
        assertNotNull(edit.selectFirst("form.move-form"));
        assertNotNull(edit.selectFirst("form.schedule-form"));
        Element link = edit.selectFirst("a.delete-link");
        assertNotNull(link);
        Document confirm = SITE.html(SITE.get(link.attr("href"), cookie), 200);
        assertTrue(confirm.selectFirst("h1").text().contains("Adminsite Doomed Page"));
        String listing = location(SITE.post("/admin/pages/" + id + "/delete",
                submission(confirm, "form.delete-form", Map.of()), cookie));
        assertEquals("/admin/pages/", listing);
        SITE.html(SITE.get(editPath(id), cookie), 404);
        assertEquals(404, editorApi.get("/pages/" + id).statusCode());
    }

    @Test
    void aModeratorMovesAPageUnderAnother() {
        JsonNode target = draftPage("Adminsite Move Target");
        JsonNode page = draftPage("Adminsite Moving Page");
        int id = page.get("id").asInt();
        String cookie = session(PREFIX + "moderator");
        Document edit = SITE.html(SITE.get(editPath(id), cookie), 200);
        assertNotNull(edit.selectFirst("select[name=parent_id] option[value=" + target.get("id").asInt() + "]"));
        assertEquals("3", edit.selectFirst("select[name=parent_id] option[selected]").val());
        assertEquals(editPath(id) + "?moved=1", location(SITE.post("/admin/pages/" + id + "/move",
                submission(edit, "form.move-form", Map.of("parent_id", target.get("id").asText())), cookie)));
        assertEquals(target.get("id").asInt(), AdminApi.json(editorApi.get("/pages/" + id), 200)
                .get("parent_id").asInt());
    }

    @Test
    void schedulingInThePastIsShownByTheScheduleForm() {
        JsonNode page = draftPage("Adminsite Scheduled Page");
        int id = page.get("id").asInt();
        String cookie = session(PREFIX + "moderator");
        Document edit = SITE.html(SITE.get(editPath(id), cookie), 200);
        assertTrue(edit.getElementById("schedule-help").text().contains("UTC"));
        Document refused = SITE.html(SITE.post("/admin/pages/" + id + "/schedule", submission(edit, "form.schedule-form",
                Map.of("go_live_at", "2001-01-01T09:00")), cookie), 422);
        Element input = refused.selectFirst("input[name=go_live_at]");
        assertEquals("2001-01-01T09:00", input.val());
        assertEquals("true", input.attr("aria-invalid"));
        assertTrue(refused.getElementById("go_live_at-error").text().contains("must be in the future"),
                refused.getElementById("go_live_at-error").text());
        assertTrue(AdminApi.json(editorApi.get("/pages/" + id), 200).get("go_live_at").isNull());

        assertEquals(editPath(id) + "?scheduled=1", location(SITE.post("/admin/pages/" + id + "/schedule",
                submission(edit, "form.schedule-form", Map.of("go_live_at", "2099-01-31T09:00")), cookie)));
        assertEquals("2099-01-31T09:00", SITE.html(SITE.get(editPath(id), cookie), 200)
                .selectFirst("input[name=go_live_at]").val());
    }
}
