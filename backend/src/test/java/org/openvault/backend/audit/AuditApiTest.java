package org.openvault.backend.audit;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.openvault.backend.admin.AdminApi.body;
import static org.openvault.backend.admin.AdminApi.json;
import static org.openvault.backend.admin.AdminApi.problem;

/**
 * {@code GET /api/admin/v1/audit} over HTTP: logins, failed logins, logouts, account and token changes each leave an
 * entry naming who, what and from where; the filters; entries commit with their change or not at all.
 * Every request of a test comes from its own client address (X-Forwarded-For), which the entries must show.
 */
class AuditApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static final String GOOD_PASSWORD = "violet lantern drifts upstream";

    private static AdminApi admin;
    private static long adminId;
    private static long editorId;

    @BeforeAll
    static void accounts() {
        adminId = AdminFixture.createUser(backend.db(), "audit-admin", Role.ADMINISTRATOR);
        admin = AdminApi.signedIn(backend, adminId);
        editorId = AdminFixture.createUser(backend.db(), "audit-editor", Role.EDITOR);
    }

    /** The entries the log answers for this query string (without {@code ?}), newest first. */
    private static List<JsonNode> entries(String query) {
        List<JsonNode> items = new ArrayList<>();
        json(admin.get("/audit?" + query), 200).get("items").forEach(items::add);
        return items;
    }

    /** The one entry for this query string. */
    private static JsonNode entry(String query) {
        List<JsonNode> found = entries(query);
        assertEquals(1, found.size(), "entries for " + query + ": " + found);
        return found.getFirst();
    }

    private static void assertSubject(JsonNode entry, String type, Object id, String title) {
        assertEquals(type, entry.at("/object/type").asText(), entry.toString());
        assertEquals(String.valueOf(id), entry.at("/object/id").asText(), entry.toString());
        assertEquals(title, entry.at("/object/title").asText(), entry.toString());
    }

    private static void assertActor(JsonNode entry, long userId, String username, String clientAddress) {
        assertEquals(userId, entry.at("/user/id").asLong(), entry.toString());
        assertEquals(username, entry.at("/user/username").asText(), entry.toString());
        assertEquals(clientAddress, entry.get("client_address").asText(), entry.toString());
    }

    @Test
    void aLoginAndALogoutEachLeaveAnEntryWithTheUserTheObjectAndTheClientAddress() {
        long id = AdminFixture.createUser(backend.db(), "audit-login", Role.EDITOR);
        AdminApi.Browser browser = AdminApi.anonymous(backend).from("198.51.100.10")
                .browser("Audit-Login", AdminFixture.PASSWORD);
        JsonNode login = entry("action=login&username=audit-login");
        assertActor(login, id, "audit-login", "198.51.100.10");
        assertSubject(login, "user", id, "audit-login");
        long sessionId = login.at("/details/session_id").asLong();
        assertEquals(id, backend.db().queryLong("SELECT user_id FROM auth_session WHERE id = " + sessionId));
        assertTrue(Instant.parse(login.get("at").asText()).isAfter(Instant.now().minusSeconds(600)));

        HttpResponse<String> logout = AdminApi.anonymous(backend).from("198.51.100.11")
                .withCookie("DELETE", "/session", browser, null);
        assertEquals(204, logout.statusCode(), logout.body());
        JsonNode entry = entry("action=logout&username=audit-login");
        assertActor(entry, id, "audit-login", "198.51.100.11");
        assertSubject(entry, "user", id, "audit-login");
        assertEquals(sessionId, entry.at("/details/session_id").asLong());
    }

    @Test
    void aFailedLoginNotesTheUsernameAsTypedAndTheAccountWhenItExists() {
        long id = AdminFixture.createUser(backend.db(), "audit-failed", Role.EDITOR);
        AdminApi client = AdminApi.anonymous(backend).from("198.51.100.20");
        problem(client.logIn("AUDIT-Failed", "not the right password"), 401, "invalid_credentials");
        JsonNode known = entry("action=login_failed&username=audit-failed");
        assertActor(known, id, "AUDIT-Failed", "198.51.100.20");
        assertSubject(known, "user", id, "audit-failed");

        problem(client.logIn("audit-nobody-at-all", "not the right password"), 401, "invalid_credentials");
        JsonNode unknown = entry("action=login_failed&username=audit-nobody-at-all");
        assertTrue(unknown.at("/user/id").isNull(), unknown.toString());
        assertEquals("audit-nobody-at-all", unknown.at("/user/username").asText());
        assertEquals("198.51.100.20", unknown.get("client_address").asText());
        assertSubject(unknown, "", "", "");
        assertFalse(admin.get("/audit?action=login_failed").body().contains("not the right password"),
                "passwords are never logged");
    }

    @Test
    void creatingAndChangingAUserAreAuditedWithTheAdministratorAndTheAccount() {
        AdminApi from = admin.from("198.51.100.30");
        long id = json(from.post("/users", body("username", "audit-created", "role", "editor", "password",
                GOOD_PASSWORD)), 201).get("id").asLong();
        JsonNode created = entry("action=user.create&object_type=user&object_id=" + id);
        assertActor(created, adminId, "audit-admin", "198.51.100.30");
        assertSubject(created, "user", id, "audit-created");
        assertEquals("editor", created.at("/details/role").asText());
        assertFalse(created.toString().contains(GOOD_PASSWORD));

        json(admin.from("198.51.100.31").patch("/users/" + id, body("role", "moderator", "active", false)), 200);
        JsonNode updated = entry("action=user.update&object_id=" + id);
        assertActor(updated, adminId, "audit-admin", "198.51.100.31");
        assertSubject(updated, "user", id, "audit-created");
        assertEquals("moderator", updated.at("/details/role").asText());
        assertFalse(updated.at("/details/active").asBoolean());

        assertEquals(204, admin.from("198.51.100.32").put("/users/" + id + "/password",
                body("password", "amber tram crosses the bridge"), null).statusCode());
        JsonNode password = entry("action=user.password&object_id=" + id);
        assertActor(password, adminId, "audit-admin", "198.51.100.32");
        assertFalse(password.toString().contains("amber tram"));

        assertEquals(List.of("user.password", "user.update", "user.create"),
                entries("object_type=user&object_id=" + id).stream().map(e -> e.get("action").asText()).toList(),
                "newest first");
    }

    @Test
    void creatingAndRevokingATokenAreAuditedWithoutTheSecret() {
        JsonNode token = json(admin.from("198.51.100.40").post("/tokens", body("name", "audit script", "user_id",
                editorId)), 201);
        long id = token.get("id").asLong();
        JsonNode created = entry("action=token.create&object_id=" + id);
        assertActor(created, adminId, "audit-admin", "198.51.100.40");
        assertSubject(created, "token", id, "audit script");
        assertEquals(editorId, created.at("/details/user_id").asLong());
        assertEquals(token.get("expires_at").asText(), created.at("/details/expires_at").asText());

        assertEquals(204, admin.from("198.51.100.41").delete("/tokens/" + id, null).statusCode());
        JsonNode revoked = entry("action=token.revoke&object_id=" + id);
        assertActor(revoked, adminId, "audit-admin", "198.51.100.41");
        assertSubject(revoked, "token", id, "audit script");
        assertEquals(204, admin.delete("/tokens/" + id, null).statusCode());
        assertEquals(1, entries("action=token.revoke&object_id=" + id).size(), "revoking again records nothing");

        assertFalse(admin.get("/audit?object_type=token&object_id=" + id).body().contains(token.get("token")
                .asText()));
    }

    @Test
    void theFiltersCombineAndSinceIsInclusiveAndUntilExclusive() {
        AdminFixture.createUser(backend.db(), "audit-filtered", Role.EDITOR);
        AdminApi client = AdminApi.anonymous(backend).from("198.51.100.50");
        assertEquals(200, client.logIn("audit-filtered", AdminFixture.PASSWORD).statusCode());
        problem(client.logIn("audit-filtered", "wrong password here"), 401, "invalid_credentials");
        long userId = backend.db().queryLong("SELECT id FROM app_user WHERE username = 'audit-filtered'");

        assertEquals(2, entries("username=audit-filtered").size());
        assertEquals(2, entries("username=AUDIT-FILTERED&object_type=user&object_id=" + userId).size());
        assertEquals(2, entries("user_id=" + userId).size());
        JsonNode login = entry("username=audit-filtered&action=login");
        entry("user_id=" + userId + "&action=login_failed");
        assertEquals(0, entries("username=audit-filtered&action=logout").size());
        assertEquals(0, entries("username=audit-filtered&object_type=token").size());
        assertEquals(1, entries("username=audit-filtered&limit=1").size());
        assertEquals("login_failed", entries("username=audit-filtered&limit=1").getFirst().get("action").asText());
        assertEquals("login", entries("username=audit-filtered&limit=1&offset=1").getFirst().get("action").asText());

        Instant at = Instant.parse(login.get("at").asText());
        Instant after = at.plusNanos(1_000);
        String only = "action=login&user_id=" + userId;
        assertEquals(1, entries(only + "&since=" + at).size(), "since is inclusive");
        assertEquals(0, entries(only + "&since=" + after).size());
        assertEquals(0, entries(only + "&until=" + at).size(), "until is exclusive");
        assertEquals(1, entries(only + "&until=" + after).size());
        assertEquals(1, entries(only + "&since=" + at + "&until=" + after).size());
        // The same instants with another offset ('+' encoded, as a query needs it).
        String plusOne = at.atOffset(java.time.ZoneOffset.ofHours(1)).toString().replace("+", "%2B");
        assertEquals(1, entries(only + "&since=" + plusOne).size());
        assertEquals(0, entries(only + "&until=" + plusOne).size());
    }

    @Test
    void invalidFiltersAre400Problems() {
        for (String query : new String[] {"since=yesterday", "until=2024-01-01", "since=2024-01-01T00:00:00",
                "user_id=abc", "limit=0", "limit=501", "offset=-1"}) {
            JsonNode problem = problem(admin.get("/audit?" + query), 400, "invalid_parameter");
            assertFalse(problem.get("detail").asText().isEmpty(), query);
        }
    }

    @Test
    void onlyAdministratorsReadTheLog() {
        AdminApi editor = AdminApi.signedIn(backend, editorId);
        AdminApi moderator = new AdminApi(backend, AdminFixture.tokenFor(backend.db(), "audit-moderator",
                Role.MODERATOR));
        problem(editor.get("/audit"), 403, "forbidden");
        problem(moderator.get("/audit"), 403, "forbidden");
        problem(moderator.get("/audit?action=login"), 403, "forbidden");
        problem(AdminApi.anonymous(backend).get("/audit"), 401, "not_authenticated");
        HttpResponse<String> allowed = admin.get("/audit");
        json(allowed, 200);
        assertEquals("no-store", allowed.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        AdminFixture.createUser(backend.db(), "audit-existing", Role.EDITOR);
        long before = backend.db().queryLong("SELECT count(*) FROM audit_log");
        // Refused inside the transaction (the username is taken, whatever its case) and before it (rules).
        problem(admin.post("/users", body("username", "AUDIT-EXISTING", "role", "editor", "password",
                GOOD_PASSWORD)), 422, "validation_failed");
        problem(admin.post("/users", body("username", "audit-weak", "role", "editor", "password", "short")),
                422, "validation_failed");
        problem(admin.post("/tokens", body("name", "audit orphan", "user_id", 999_999_999L)), 422,
                "validation_failed");
        problem(admin.patch("/users/" + editorId, body("role", "root")), 422, "validation_failed");
        problem(admin.patch("/users/999999999", body("role", "editor")), 404, "not_found");
        problem(admin.delete("/tokens/999999999", null), 404, "not_found");
        assertEquals(before, backend.db().queryLong("SELECT count(*) FROM audit_log"));
        assertEquals(0, entries("object_type=user&action=user.create").stream()
                .filter(e -> e.at("/object/title").asText().equalsIgnoreCase("audit-existing")
                        || e.at("/object/title").asText().equals("audit-weak")).count());
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM app_user WHERE lower(username) = 'audit-existing'"));
    }
}
