package org.openvault.backend.adminsite;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editors' web admin over HTTP, as a browser without JavaScript uses it: forms, cookies, redirects, HTML. */
class AdminSiteTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);

    private static final String PREFIX = "adminsite-";
    private static final String COOKIE = "__Host-ov_session";
    private static long editorId;
    private static int folderId;

    @BeforeAll
    static void accounts() {
        editorId = AdminFixture.createUser(backend.db(), PREFIX + "editor", Role.EDITOR);
        AdminFixture.createUser(backend.db(), PREFIX + "throttled", Role.EDITOR);
        AdminFixture.createUser(backend.db(), PREFIX + "wrong", Role.EDITOR);
        // The admin API creates no folders: the folder and its 60 children are written straight into the database.
        folderId = (int) backend.db().queryLong("INSERT INTO page (type, slug, title, draft_title, parent_id, depth,"
                + " url_path, live, owner_id) VALUES ('wagtailcore.Page', 'adminsite-paged-folder',"
                + " 'Adminsite Paged Folder', 'Adminsite Paged Folder', 3, 3, '/home/adminsite-paged-folder/', false, "
                + editorId + ") RETURNING id");
        backend.db().execute("INSERT INTO page (type, slug, title, draft_title, parent_id, depth, url_path, live, owner_id)"
                + " SELECT 'wagtailcore.Page', 'adminsite-child-' || g, 'Adminsite child ' || lpad(g::text, 3, '0'),"
                + " 'Adminsite child ' || lpad(g::text, 3, '0'), " + folderId + ", 4,"
                + " '/home/adminsite-paged-folder/adminsite-child-' || g || '/', false, " + editorId
                + " FROM generate_series(1, 60) g");
    }

    @AfterAll
    static void cleanUp() {
        AdminFixture.removePagesOf(backend.db(), PREFIX);
    }

    private static HttpResponse<String> logIn(String username, String password, String address) {
        return SITE.logIn(username, password, address);
    }

    private static String session(String username) {
        return SITE.session(username, "10.71.0.1");
    }

    @Test
    void loginPageHasLabelledInputsAndTheAdminHeaders() {
        HttpResponse<String> response = SITE.get("/admin/login", null);
        Document page = SITE.html(response, 200);
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertNotNull(page.selectFirst("main#main"));
        assertNotNull(page.selectFirst("a.skip-link[href=#main]"));
        for (String name : new String[] {"username", "password"}) {
            Element input = page.selectFirst("input[name=" + name + "]");
            assertNotNull(input, name);
            assertNotNull(page.selectFirst("label[for=" + input.id() + "]"), "label for " + name);
        }
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        assertEquals("DENY", response.headers().firstValue("x-frame-options").orElse(""));
        assertEquals("default-src 'self'; frame-ancestors 'none'",
                response.headers().firstValue("content-security-policy").orElse(""));
        assertTrue(page.select("script:not([src])").isEmpty(), "no inline script: the CSP would refuse it");
        assertEquals("/admin/static/admin.js", page.selectFirst("script[src]").attr("src"));
        assertEquals(200, SITE.get("/admin/static/admin.css", null).statusCode());
        HttpResponse<String> script = SITE.get("/admin/static/admin.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
    }

    @Test
    void wrongPasswordReRendersTheFormWithTheMessageAndTheUsername() {
        Document page = SITE.html(logIn(PREFIX + "wrong", "not the password", "10.71.0.2"), 401);
        assertEquals("The username or password is wrong.", page.selectFirst("[role=alert]").text());
        assertEquals(PREFIX + "wrong", page.selectFirst("input[name=username]").val());
        assertEquals("", page.selectFirst("input[name=password]").val());
    }

    @Test
    void theSixthFailureIsRefusedWith429() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, logIn(PREFIX + "throttled", "wrong " + i, "10.71.0.3").statusCode());
        }
        HttpResponse<String> refused = logIn(PREFIX + "throttled", AdminFixture.PASSWORD, "10.71.0.3");
        Document page = SITE.html(refused, 429);
        assertTrue(page.selectFirst("[role=alert]").text().startsWith("Too many failed logins."));
        assertTrue(refused.headers().firstValue("retry-after").isPresent());
    }

    @Test
    void aLoginFromAnotherSiteIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=x&password=y")).build();
        Document page = SITE.html(backend.send(request), 403);
        assertEquals("Not allowed", page.selectFirst("h1").text());
    }

    @Test
    void successfulLoginSetsTheCookieAndGoesToTheDashboard() {
        HttpResponse<String> response = logIn(PREFIX + "editor", AdminFixture.PASSWORD, "10.71.0.4");
        assertEquals(303, response.statusCode(), response.body());
        assertEquals("/admin/", response.headers().firstValue("location").orElse(""));
        String cookie = response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure"), cookie);

        Document dashboard = SITE.html(SITE.get("/admin/", cookie.substring(0, cookie.indexOf(';'))), 200);
        assertEquals("Signed in as User adminsite-editor (editor)", dashboard.selectFirst(".signed-in").text());
    }

    @Test
    void aSafeNextPathIsFollowedAndAForeignOneIgnored() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", PREFIX + "editor");
        fields.put("password", AdminFixture.PASSWORD);
        fields.put("next", "/admin/pages/?q=x");
        assertEquals("/admin/pages/?q=x", SITE.post("/admin/login", fields, null, "10.71.0.5")
                .headers().firstValue("location").orElse(""));
        fields.put("next", "//evil.example/admin/");
        assertEquals("/admin/", SITE.post("/admin/login", fields, null, "10.71.0.5")
                .headers().firstValue("location").orElse(""));
    }

    @Test
    void aDraftSavedThroughTheApiShowsUnderMyDrafts() {
        AdminApi api = AdminApi.signedIn(backend, editorId);
        int id = AdminApi.json(api.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Adminsite Aardvark Draft\",\"slug\":\"adminsite-aardvark-draft\"}}"), 201)
                .get("id").asInt();
        Document dashboard = SITE.html(SITE.get("/admin/", session(PREFIX + "editor")), 200);
        Element drafts = dashboard.selectFirst("section[aria-labelledby=drafts-heading]");
        assertTrue(drafts.text().contains("Adminsite Aardvark Draft"), drafts.text());
        assertTrue(drafts.text().contains("Exhibit"), drafts.text());
        Element activity = dashboard.selectFirst("section[aria-labelledby=activity-heading]");
        Element created = activity.selectFirst("a[href=/admin/pages/" + id + "/edit]");
        assertEquals("Adminsite Aardvark Draft", created.text(), activity.html());
        assertEquals("Created", created.parent().previousElementSibling().text(), "the action in words");
    }

    @Test
    void theExplorerListsHomesChildrenWithStatusAndBreadcrumbs() {
        String cookie = session(PREFIX + "editor");
        Document home = SITE.html(SITE.get("/admin/pages/", cookie), 200);
        assertEquals("Home", home.selectFirst("nav[aria-label=Breadcrumbs] li").text());
        assertFalse(home.select("tbody tr").isEmpty());
        for (Element row : home.select("tbody tr")) {
            assertTrue(java.util.Set.of("Live", "Draft", "Live + draft", "Scheduled", "Expired")
                    .contains(row.selectFirst(".status").text()), row.text());
        }

        Document folder = SITE.html(SITE.get("/admin/pages/" + folderId + "/children", cookie), 200);
        assertEquals("Home Adminsite Paged Folder", folder.selectFirst("nav[aria-label=Breadcrumbs] ol").text());
        assertEquals(ExplorerPage.PER_PAGE, folder.select("tbody tr").size());
        Element first = folder.selectFirst("tbody tr");
        assertEquals("Adminsite child 001", first.selectFirst("th").text());
        assertEquals("Folder", first.select("td").get(0).text());
        assertEquals("Draft", first.selectFirst(".status").text());
        Element next = folder.selectFirst("a[rel=next]");
        assertNotNull(next);

        Document second = SITE.html(SITE.get(next.attr("href"), cookie), 200);
        assertEquals(10, second.select("tbody tr").size());
        assertNotNull(second.selectFirst("a[rel=prev]"));
        assertEquals(null, second.selectFirst("a[rel=next]"));
        assertEquals("Adminsite child 060", second.select("tbody tr th").last().text());
    }

    @Test
    void searchFindsPagesByTitle() {
        Document found = SITE.html(SITE.get("/admin/pages/?q=child+042", session(PREFIX + "editor")), 200);
        assertEquals(1, found.select("tbody tr").size(), found.select("tbody").text());
        assertEquals("Adminsite child 042", found.selectFirst("tbody th").text());
        assertNotNull(found.selectFirst("label[for=q]"));
    }

    @Test
    void anUnknownPageIsAnHtml404AndApiErrorsStayJson() {
        String cookie = session(PREFIX + "editor");
        Document missing = SITE.html(SITE.get("/admin/pages/999999999/children", cookie), 404);
        assertEquals("Not found", missing.selectFirst("h1").text());
        SITE.html(SITE.get("/admin/no-such-thing", cookie), 404);
        HttpResponse<String> api = SITE.get("/api/admin/v1/no-such-thing", cookie);
        assertEquals(404, api.statusCode());
        assertTrue(api.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void logoutNeedsTheFormsCsrfToken() {
        String cookie = session(PREFIX + "editor");
        Document dashboard = SITE.html(SITE.get("/admin/", cookie), 200);
        String token = dashboard.selectFirst("form[action=/admin/logout] input[name=csrf_token]").val();
        assertFalse(token.isEmpty());

        Document refused = SITE.html(SITE.post("/admin/logout", Map.of("csrf_token", "wrong"), cookie, "10.71.0.6"), 403);
        assertEquals("Not allowed", refused.selectFirst("h1").text());
        SITE.html(SITE.post("/admin/logout", Map.of(), cookie, "10.71.0.6"), 403);

        HttpResponse<String> out = SITE.post("/admin/logout", Map.of("csrf_token", token), cookie, "10.71.0.6");
        assertEquals(303, out.statusCode(), out.body());
        assertEquals("/admin/login", out.headers().firstValue("location").orElse(""));
        assertTrue(out.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith(COOKIE + "=;")
                || c.startsWith(COOKIE + "=\"\"") || c.contains("Max-Age=0")));
        assertEquals(303, SITE.get("/admin/", cookie).statusCode(), "the session is gone");
    }

    @Test
    void signedOutVisitorsAreSentToTheLoginForm() {
        HttpResponse<String> response = SITE.get("/admin/pages/?q=x", null);
        assertEquals(303, response.statusCode());
        assertEquals("/admin/login?next=%2Fadmin%2Fpages%2F%3Fq%3Dx", response.headers().firstValue("location").orElse(""));
        assertEquals(303, SITE.get("/admin/", null).statusCode());
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        Document login = SITE.html(SITE.get(response.headers().firstValue("location").orElse(""), null), 200);
        assertEquals("/admin/pages/?q=x", login.selectFirst("input[name=next]").val());
    }
}
