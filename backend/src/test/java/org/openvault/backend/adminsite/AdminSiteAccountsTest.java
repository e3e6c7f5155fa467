package org.openvault.backend.adminsite;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;

import static org.openvault.backend.adminsite.AdminSiteClient.submission;
import static org.openvault.backend.adminsite.AdminSiteClient.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password, audit log, users and authors screens as a browser without JavaScript uses them. */
class AdminSiteAccountsTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);

    private static final String PREFIX = "adminsite-acc-";
    private static final String AUTHOR = "Adminsite Acc Author";
    private static final String COOKIE = "__Host-ov_session";
    private static final String NEW_PASSWORD = "a-much-longer-new-passphrase";

    @BeforeAll
    static void accounts() {
        AdminFixture.createUser(backend.db(), PREFIX + "editor", Role.EDITOR);
        AdminFixture.createUser(backend.db(), PREFIX + "admin", Role.ADMINISTRATOR);
        AdminFixture.createUser(backend.db(), PREFIX + "changer", Role.EDITOR);
    }

    @AfterAll
    static void cleanUp() {
        backend.db().execute("DELETE FROM author WHERE name LIKE '" + AUTHOR + "%'",
                "DELETE FROM app_user WHERE username LIKE '" + PREFIX + "%'");
    }

    private static HttpResponse<String> logIn(String username, String password) {
        return SITE.logIn(username, password, null);
    }

    private static String session(String username) {
        return SITE.session(username, null);
    }

    private static String text(String sql) {
        try (Connection connection = backend.db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertLabelled(Document page, String... names) {
        for (String name : names) {
            Element input = page.selectFirst("[name=" + name + "]");
            assertNotNull(input, name);
            assertNotNull(page.selectFirst("label[for=" + input.id() + "]"), "label for " + name);
            assertTrue(input.attr("aria-describedby").contains(name + "-help"), "help for " + name);
        }
    }

    @Test
    void theEditorChangesTheirPasswordAfterAWrongOneAndAMismatch() {
        String cookie = session(PREFIX + "changer");
        Document page = SITE.html(SITE.get("/admin/account/password", cookie), 200);
        assertNotNull(page.selectFirst("header a[href=/admin/account/password]"));
        assertLabelled(page, "current_password", "new_password", "repeat_password");

        Document wrong = SITE.html(SITE.post("/admin/account/password", submission(page, "form.stack", Map.of(
                "current_password", "not-the-password", "new_password", NEW_PASSWORD,
                "repeat_password", NEW_PASSWORD)), cookie), 422);
        assertTrue(wrong.selectFirst("#current_password-error").text().contains("wrong"), wrong.html());
        assertEquals("true", wrong.selectFirst("#field-current_password").attr("aria-invalid"));

        Document mismatch = SITE.html(SITE.post("/admin/account/password", submission(page, "form.stack", Map.of(
                "current_password", AdminFixture.PASSWORD, "new_password", NEW_PASSWORD,
                "repeat_password", NEW_PASSWORD + "x")), cookie), 422);
        assertTrue(mismatch.selectFirst("#repeat_password-error").text().contains("do not match"));

        Document weak = SITE.html(SITE.post("/admin/account/password", submission(page, "form.stack", Map.of(
                "current_password", AdminFixture.PASSWORD, "new_password", "short", "repeat_password", "short")),
                cookie), 422);
        assertNotNull(weak.selectFirst("#new_password-error"));

        String done = location(SITE.post("/admin/account/password", submission(page, "form.stack", Map.of(
                "current_password", AdminFixture.PASSWORD, "new_password", NEW_PASSWORD,
                "repeat_password", NEW_PASSWORD)), cookie));
        assertEquals("/admin/account/password?changed=1", done);
        assertNotNull(SITE.html(SITE.get(done, cookie), 200).selectFirst("p.notice"));
        assertEquals(303, logIn(PREFIX + "changer", NEW_PASSWORD).statusCode());
        assertEquals(401, logIn(PREFIX + "changer", AdminFixture.PASSWORD).statusCode());
    }

    @Test
    void administratorsReadTheAuditLogAndEditorsAreRefused() {
        String admin = session(PREFIX + "admin");
        Document form = SITE.html(SITE.get("/admin/users/new", admin), 200);
        location(SITE.post("/admin/users/new", submission(form, "form.user-form", Map.of("username", PREFIX + "audited",
                "email", "audited@example.org", "role", "editor", "password", NEW_PASSWORD)), admin));

        Document audit = SITE.html(SITE.get("/admin/audit?action=user.create&username=" + PREFIX + "admin", admin), 200);
        assertNotNull(audit.selectFirst("header a[href=/admin/audit]"));
        assertEquals("user.create", audit.selectFirst("input[name=action]").val());
        assertLabelled(audit, "action", "username", "object_type");
        Element row = audit.selectFirst("table.audit tbody tr");
        assertNotNull(row, audit.html());
        assertTrue(row.text().contains(PREFIX + "audited"), row.text());
        assertTrue(row.text().contains("user.create"));
        assertNull(audit.selectFirst("a[rel=prev]"));
        assertNotNull(SITE.html(SITE.get("/admin/audit?page=2", admin), 200).selectFirst("a[rel=prev]"));

        String editor = session(PREFIX + "editor");
        assertNull(SITE.html(SITE.get("/admin/", editor), 200).selectFirst("header a[href=/admin/audit]"));
        assertNull(SITE.html(SITE.get("/admin/", editor), 200).selectFirst("header a[href=/admin/users]"));
        SITE.html(SITE.get("/admin/audit", editor), 403);
        SITE.html(SITE.get("/admin/users", editor), 403);
    }

    @Test
    void theAdministratorCreatesAndEditsAnAccount() {
        String admin = session(PREFIX + "admin");
        Document form = SITE.html(SITE.get("/admin/users/new", admin), 200);
        assertLabelled(form, "username", "email", "display_name", "role", "password");

        Document refused = SITE.html(SITE.post("/admin/users/new", submission(form, "form.user-form", Map.of(
                "username", PREFIX + "made", "email", "not-an-email", "role", "editor", "password", "short")),
                admin), 422);
        assertNotNull(refused.selectFirst("#email-error"), refused.html());
        assertNotNull(refused.selectFirst("#password-error"));
        assertEquals(PREFIX + "made", refused.selectFirst("input[name=username]").val());

        String created = location(SITE.post("/admin/users/new", submission(form, "form.user-form", Map.of(
                "username", PREFIX + "made", "email", "made@example.org", "display_name", "Made <Here>",
                "role", "moderator", "password", NEW_PASSWORD)), admin));
        assertTrue(created.matches("/admin/users/\\d+\\?created=1"), created);
        Document taken = SITE.html(SITE.post("/admin/users/new", submission(form, "form.user-form", Map.of(
                "username", PREFIX + "made", "role", "editor", "password", NEW_PASSWORD)), admin), 422);
        assertTrue(taken.selectFirst("#username-error").text().contains("taken"));

        String path = created.substring(0, created.indexOf('?'));
        Document edit = SITE.html(SITE.get(created, admin), 200);
        assertEquals("Made <Here>", edit.selectFirst("input[name=display_name]").val());
        assertEquals("moderator", edit.selectFirst("select[name=role] option[selected]").val());
        Map<String, String> changes = submission(edit, "form.user-form", Map.of("display_name", "Made Again",
                "role", "editor"));
        changes.remove("active");
        assertEquals(path + "?saved=1", location(SITE.post(path, changes, admin)));
        assertEquals("editor", text("SELECT role FROM app_user WHERE username = '" + PREFIX
                + "made'"));
        assertEquals("false", text("SELECT active::text FROM app_user WHERE username = '"
                + PREFIX + "made'"));
        assertTrue(SITE.html(SITE.get("/admin/users", admin), 200).select("table.users a").eachText()
                .contains(PREFIX + "made"));
    }

    @Test
    void theLastActiveAdministratorSeesWhyTheyCannotDemoteThemselves() throws SQLException {
        long lastId = AdminFixture.createUser(backend.db(), PREFIX + "last", Role.ADMINISTRATOR);
        String cookie = session(PREFIX + "last");
        // All test classes share the database: every other administrator is made inactive for this test only.
        List<Long> others = AdminFixture.deactivateOtherAdministrators(backend.db(), lastId);
        try {
            Document edit = SITE.html(SITE.get("/admin/users/" + lastId, cookie), 200);
            Document refused = SITE.html(SITE.post("/admin/users/" + lastId, submission(edit, "form.user-form",
                    Map.of("role", "editor")), cookie), 409);
            assertTrue(refused.selectFirst(".error.summary").text().contains("only active administrator"),
                    refused.html());
            assertEquals("editor", refused.selectFirst("select[name=role] option[selected]").val());
        } finally {
            AdminFixture.reactivate(backend.db(), others);
        }
    }

    @Test
    void theEditorCreatesAndEditsAnAuthorAndAStaleSaveIsShown() {
        String cookie = session(PREFIX + "editor");
        Document form = SITE.html(SITE.get("/admin/authors/new", cookie), 200);
        assertNotNull(form.selectFirst("header a[href=/admin/authors]"));
        assertLabelled(form, "name", "bio", "image_id");
        assertTrue(form.selectFirst("#bio-help").text().contains("sanitised"));

        Document refused = SITE.html(SITE.post("/admin/authors/new", submission(form, "form.author-form", Map.of("name", " ",
                "image_id", "abc")), cookie), 422);
        assertNotNull(refused.selectFirst("#name-error"), refused.html());
        assertNotNull(refused.selectFirst("#image_id-error"));

        String created = location(SITE.post("/admin/authors/new", submission(form, "form.author-form", Map.of(
                "name", AUTHOR, "bio", "<p>Wrote <b>things</b></p><script>alert(1)</script>")), cookie));
        assertTrue(created.matches("/admin/authors/\\d+\\?created=1"), created);
        String path = created.substring(0, created.indexOf('?'));
        Document edit = SITE.html(SITE.get(created, cookie), 200);
        assertFalse(edit.selectFirst("textarea[name=bio]").val().contains("script"));
        String etag = edit.selectFirst("input[name=etag]").val();
        assertFalse(etag.isEmpty());
        assertTrue(SITE.html(SITE.get("/admin/authors?search=adminsite+acc", cookie), 200).select("table.authors a")
                .eachText().contains(AUTHOR));

        assertEquals(path + "?saved=1", location(SITE.post(path, submission(edit, "form.author-form",
                Map.of("name", AUTHOR + " Renamed")), cookie)));
        // The same form, loaded before that save, is now stale.
        Document stale = SITE.html(SITE.post(path, submission(edit, "form.author-form", Map.of("name", AUTHOR + " Other")), cookie),
                409);
        assertTrue(stale.selectFirst("#stale-notice").text().contains(PREFIX + "editor"), stale.html());
        assertEquals(AUTHOR + " Other", stale.selectFirst("input[name=name]").val());
        String newer = stale.selectFirst("input[name=etag]").val();
        assertNotEquals(etag, newer);
        assertEquals(AUTHOR + " Renamed", text("SELECT name FROM author WHERE name LIKE '"
                + AUTHOR + "%'"));
        assertEquals(path + "?saved=1", location(SITE.post(path, submission(stale, "form.author-form", Map.of()), cookie)));
        assertEquals(AUTHOR + " Other", text("SELECT name FROM author WHERE name LIKE '"
                + AUTHOR + "%'"));
    }
}
