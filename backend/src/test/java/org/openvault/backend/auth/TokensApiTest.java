package org.openvault.backend.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.admin.AdminApi.body;
import static org.openvault.backend.admin.AdminApi.errorCodes;
import static org.openvault.backend.admin.AdminApi.json;
import static org.openvault.backend.admin.AdminApi.problem;

/**
 * {@code /api/admin/v1/tokens} over HTTP: administrators issue named bearer tokens whose secret is shown once, the
 * token acts with its account's role, and revocation and expiry end it at once.
 */
class TokensApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static AdminApi admin;
    private static long adminId;
    private static long editorId;
    private static AdminApi editor;
    private static AdminApi moderator;

    @BeforeAll
    static void accounts() {
        adminId = AdminFixture.createUser(backend.db(), "tokens-admin", Role.ADMINISTRATOR);
        admin = AdminApi.signedIn(backend, adminId);
        editorId = AdminFixture.createUser(backend.db(), "tokens-editor", Role.EDITOR);
        editor = AdminApi.signedIn(backend, editorId);
        moderator = AdminApi.signedIn(backend, "tokens-moderator", Role.MODERATOR);
    }

    /** Creates a token (which must succeed) and answers the whole 201 answer. */
    private static JsonNode create(String json) {
        return json(admin.post("/tokens", json), 201);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void anAdministratorCreatesATokenForAnEditorAndItsSecretIsShownOnlyOnce() {
        HttpResponse<String> response = admin.post("/tokens", body("name", "nightly import", "user_id", editorId,
                "expires_in_days", 30));
        JsonNode created = json(response, 201);
        long id = created.get("id").asLong();
        String secret = created.get("token").asText();
        assertTrue(secret.startsWith("ov_"), secret);
        assertTrue(secret.length() >= 40, secret);
        assertEquals(1, occurrences(response.body(), secret), "the secret is in the answer once");
        assertEquals("/api/admin/v1/tokens/" + id, response.headers().firstValue("Location").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nightly import", created.get("name").asText());
        assertEquals(editorId, created.at("/user/id").asLong());
        assertEquals("tokens-editor", created.at("/user/username").asText());
        assertTrue(created.get("valid").asBoolean());
        assertTrue(created.get("revoked_at").isNull());
        assertTrue(created.get("last_used_at").isNull());
        Duration lifetime = Duration.between(Instant.parse(created.get("created_at").asText()),
                Instant.parse(created.get("expires_at").asText()));
        assertEquals(Duration.ofDays(30), lifetime);

        HttpResponse<String> shown = admin.get("/tokens/" + id);
        JsonNode token = json(shown, 200);
        assertFalse(shown.body().contains(secret));
        assertFalse(token.has("token"));
        assertEquals("nightly import", token.get("name").asText());
        HttpResponse<String> list = admin.get("/tokens?limit=500");
        assertFalse(list.body().contains(secret));
        boolean listed = false;
        for (JsonNode item : json(list, 200).get("items")) {
            assertFalse(item.has("token"));
            listed |= item.get("id").asLong() == id;
        }
        assertTrue(listed, "the new token is listed");
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM auth_session WHERE id = " + id
                + " AND kind = 'token' AND secret_hash = sha256(convert_to('" + secret + "', 'UTF8'))"
                + " AND csrf_token IS NULL"), "only the secret's SHA-256 is stored");
    }

    @Test
    void theTokenAuthenticatesWithItsAccountsRole() {
        String secret = create(body("name", "editor script", "user_id", editorId)).get("token").asText();
        AdminApi script = new AdminApi(backend, secret);
        JsonNode me = json(script.get("/me"), 200);
        assertEquals(editorId, me.get("id").asLong());
        assertEquals("editor", me.get("role").asText());
        assertEquals("token", json(script.get("/session"), 200).get("kind").asText());
        problem(script.get("/users"), 403, "forbidden");
        problem(script.get("/tokens"), 403, "forbidden");
        problem(script.get("/audit"), 403, "forbidden");
        problem(new AdminApi(backend, secret + "x").get("/me"), 401, "not_authenticated");
        problem(new AdminApi(backend, secret.substring(3)).get("/me"), 401, "not_authenticated");
    }

    @Test
    void withoutUserIdTheTokenIsTheCallersAndLasts90Days() {
        JsonNode created = create(body("name", "my own"));
        assertEquals(adminId, created.at("/user/id").asLong());
        assertEquals(Duration.ofDays(90), Duration.between(Instant.parse(created.get("created_at").asText()),
                Instant.parse(created.get("expires_at").asText())));
        assertEquals(200, new AdminApi(backend, created.get("token").asText()).get("/users").statusCode());
    }

    @Test
    void expiresInDaysIsFrom1To365() {
        for (int days : new int[] {0, -1, 366}) {
            JsonNode problem = problem(admin.post("/tokens", body("name", "bounds", "expires_in_days", days)), 422,
                    "validation_failed");
            assertEquals(List.of("out_of_range"), errorCodes(problem, "/expires_in_days"), "days " + days);
        }
        for (Object notInteger : new Object[] {"ten", 1.5, true}) {
            JsonNode problem = problem(admin.post("/tokens", body("name", "bounds", "expires_in_days", notInteger)),
                    422, "validation_failed");
            assertEquals(List.of("not_integer"), errorCodes(problem, "/expires_in_days"), "days " + notInteger);
        }
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM auth_session WHERE name = 'bounds'"));
        create(body("name", "bounds-1", "expires_in_days", 1));
        create(body("name", "bounds-365", "expires_in_days", 365));
    }

    @Test
    void invalidTokenRequestsAre422WithTheirPointers() {
        JsonNode problem = problem(admin.post("/tokens", body("user_id", 999_999_999L, "scope", "all")), 422,
                "validation_failed");
        assertEquals(List.of("required"), errorCodes(problem, "/name"));
        assertEquals(List.of("unknown_field"), errorCodes(problem, "/scope"));
        assertEquals(List.of("too_long"), errorCodes(problem(admin.post("/tokens", body("name", "n".repeat(101))),
                422, "validation_failed"), "/name"));
        assertEquals(List.of("unknown_user"), errorCodes(problem(admin.post("/tokens", body("name", "nobody's",
                "user_id", 999_999_999L)), 422, "validation_failed"), "/user_id"));
        long inactive = AdminFixture.createUser(backend.db(), "tokens-inactive", Role.EDITOR);
        backend.db().execute("UPDATE app_user SET active = false WHERE id = " + inactive);
        assertEquals(List.of("unknown_user"), errorCodes(problem(admin.post("/tokens", body("name", "inactive's",
                "user_id", inactive)), 422, "validation_failed"), "/user_id"));
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM auth_session WHERE user_id = " + inactive));
    }

    @Test
    void aRevokedTokenGets401AtOnce() {
        JsonNode created = create(body("name", "to revoke", "user_id", editorId));
        long id = created.get("id").asLong();
        AdminApi script = new AdminApi(backend, created.get("token").asText());
        assertEquals(200, script.get("/me").statusCode());

        HttpResponse<String> revoked = admin.delete("/tokens/" + id, null);
        assertEquals(204, revoked.statusCode(), revoked.body());
        HttpResponse<String> refused = script.get("/me");
        problem(refused, 401, "not_authenticated");
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        JsonNode shown = json(admin.get("/tokens/" + id), 200);
        assertFalse(shown.get("valid").asBoolean());
        assertFalse(shown.get("revoked_at").isNull());
        assertEquals(200, editor.get("/me").statusCode(), "the account's other tokens go on");

        assertEquals(204, admin.delete("/tokens/" + id, null).statusCode(), "revoking again changes nothing");
        problem(admin.delete("/tokens/999999999", null), 404, "not_found");
        problem(admin.delete("/tokens/abc", null), 404, "not_found");
        problem(admin.get("/tokens/999999999"), 404, "not_found");
    }

    @Test
    void aTokenRevokingItselfEndsAtOnce() {
        JsonNode created = create(body("name", "self revoking"));
        AdminApi self = new AdminApi(backend, created.get("token").asText());
        assertEquals(204, self.delete("/tokens/" + created.get("id").asLong(), null).statusCode());
        problem(self.get("/me"), 401, "not_authenticated");
    }

    @Test
    void anExpiredTokenGets401() {
        JsonNode created = create(body("name", "soon expired", "user_id", editorId, "expires_in_days", 1));
        long id = created.get("id").asLong();
        AdminApi script = new AdminApi(backend, created.get("token").asText());
        assertEquals(200, script.get("/me").statusCode());
        backend.db().execute("UPDATE auth_session SET expires_at = now() - interval '1 second' WHERE id = " + id);
        problem(script.get("/me"), 401, "not_authenticated");
        assertFalse(json(admin.get("/tokens/" + id), 200).get("valid").asBoolean());
    }

    @Test
    void aWebSessionIsNoTokenOfTheTokensApi() {
        AdminFixture.createUser(backend.db(), "tokens-browser", Role.EDITOR);
        AdminApi.Browser browser = AdminApi.anonymous(backend).from("203.0.113.51")
                .browser("tokens-browser", AdminFixture.PASSWORD);
        long sessionId = backend.db().queryLong("SELECT max(s.id) FROM auth_session s JOIN app_user u"
                + " ON u.id = s.user_id WHERE u.username = 'tokens-browser' AND s.kind = 'cookie'");
        problem(admin.get("/tokens/" + sessionId), 404, "not_found");
        problem(admin.delete("/tokens/" + sessionId, null), 404, "not_found");
        assertEquals(200, AdminApi.anonymous(backend).withCookie("GET", "/me", browser, null).statusCode());
    }

    @Test
    void editorsAndModeratorsGet403OnEveryTokensRoute() {
        long id = create(body("name", "guarded", "user_id", editorId)).get("id").asLong();
        for (AdminApi api : List.of(editor, moderator)) {
            problem(api.get("/tokens"), 403, "forbidden");
            problem(api.get("/tokens/" + id), 403, "forbidden");
            problem(api.post("/tokens", body("name", "sneaky")), 403, "forbidden");
            problem(api.delete("/tokens/" + id, null), 403, "forbidden");
        }
        assertTrue(json(admin.get("/tokens/" + id), 200).get("valid").asBoolean(), "not revoked");
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM auth_session WHERE name = 'sneaky'"));
        problem(AdminApi.anonymous(backend).get("/tokens"), 401, "not_authenticated");
    }
}
