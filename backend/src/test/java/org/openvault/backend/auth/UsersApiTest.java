package org.openvault.backend.auth;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
import static org.openvault.backend.admin.AdminApi.errorPointers;
import static org.openvault.backend.admin.AdminApi.json;
import static org.openvault.backend.admin.AdminApi.problem;

/**
 * {@code /api/admin/v1/users} and {@code /api/admin/v1/me} over HTTP: creating accounts under the password and
 * account rules, who may manage them, role changes, deactivation and password resets ending sessions and tokens at
 * once, and the rule that the site always keeps an active administrator.
 */
class UsersApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    /** A password that passes every rule. */
    private static final String GOOD_PASSWORD = "violet lantern drifts upstream";
    private static final String OTHER_GOOD_PASSWORD = "amber tram crosses the bridge";

    private static AdminApi admin;
    private static AdminApi editor;
    private static AdminApi moderator;
    private static long adminId;

    @BeforeAll
    static void accounts() {
        adminId = AdminFixture.createUser(backend.db(), "users-admin", Role.ADMINISTRATOR);
        admin = AdminApi.signedIn(backend, adminId);
        editor = AdminApi.signedIn(backend, "users-editor", Role.EDITOR);
        moderator = AdminApi.signedIn(backend, "users-moderator", Role.MODERATOR);
    }

    /** Anonymous logins of this class come from their own address, so they count against no other test's limit. */
    private static AdminApi browserClient() {
        return AdminApi.anonymous(backend).from("203.0.113.41");
    }

    private static long activeSessionsOf(long userId) {
        return backend.db().queryLong("SELECT count(*) FROM auth_session WHERE user_id = " + userId
                + " AND revoked_at IS NULL");
    }

    @Test
    void anAdministratorCreatesAUserWhoCanThenLogIn() {
        HttpResponse<String> response = admin.post("/users", body("username", "users-Created", "email",
                "created@example.org", "display_name", "Created User", "role", "moderator", "password", GOOD_PASSWORD));
        JsonNode created = json(response, 201);
        long id = created.get("id").asLong();
        assertEquals("/api/admin/v1/users/" + id, response.headers().firstValue("Location").orElse(""));
        assertEquals("users-Created", created.get("username").asText());
        assertEquals("created@example.org", created.get("email").asText());
        assertEquals("Created User", created.get("display_name").asText());
        assertEquals("moderator", created.get("role").asText());
        assertTrue(created.get("active").asBoolean());
        assertTrue(created.get("last_login_at").isNull());
        assertNoSecrets(created);
        assertFalse(response.body().contains(GOOD_PASSWORD));

        JsonNode shown = json(admin.get("/users/" + id), 200);
        assertEquals(created, shown);
        assertNoSecrets(shown);

        JsonNode login = json(browserClient().logIn("USERS-created", GOOD_PASSWORD), 200);
        assertEquals(id, login.at("/user/id").asLong());
        assertEquals("moderator", login.at("/user/role").asText());
        assertFalse(json(admin.get("/users/" + id), 200).get("last_login_at").isNull(), "the login is noted");
    }

    private static void assertNoSecrets(JsonNode user) {
        user.fieldNames().forEachRemaining(name -> assertFalse(name.contains("password") || name.contains("hash"),
                "the account shows " + name));
    }

    @Test
    void passwordsBreakingTheRulesAre422AtSlashPasswordWithTheRulesCodes() {
        String[][] cases = {
                {"users-pw-short", "short pass", "too_short"},
                {"users-pw-digits", "830274619502", "all_digits"},
                {"users-pw-common", "Password1234!", "too_common"},
                {"users-pw-same", "my users-pw-same account", "same_as_username"},
                {"users-pw-missing", null, "required"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = admin.post("/users", c[1] == null
                    ? body("username", c[0], "role", "editor")
                    : body("username", c[0], "role", "editor", "password", c[1]));
            JsonNode problem = problem(response, 422, "validation_failed");
            assertTrue(errorCodes(problem, "/password").contains(c[2]), c[0] + ": " + response.body());
            assertEquals(List.of("/password"), errorPointers(problem).stream().distinct().toList(), response.body());
            assertTrue(c[1] == null || !response.body().contains(c[1]), "the problem does not repeat the password");
            assertEquals(0, backend.db().queryLong("SELECT count(*) FROM app_user WHERE username = '" + c[0] + "'"),
                    "nothing stored for " + c[0]);
        }
    }

    @Test
    void badUsernameEmailAndRoleAre422WithTheirPointers() {
        JsonNode problem = problem(admin.post("/users", body("username", "users bad name!", "email", "not-an-email",
                "role", "owner", "password", GOOD_PASSWORD)), 422, "validation_failed");
        assertEquals(List.of("invalid_username"), errorCodes(problem, "/username"));
        assertEquals(List.of("invalid_email"), errorCodes(problem, "/email"));
        assertEquals(List.of("invalid_choice"), errorCodes(problem, "/role"));

        JsonNode missing = problem(admin.post("/users", body("password", GOOD_PASSWORD)), 422, "validation_failed");
        assertEquals(List.of("required"), errorCodes(missing, "/username"));
        assertEquals(List.of("required"), errorCodes(missing, "/role"));

        JsonNode wrongTypes = problem(admin.post("/users", body("username", 42, "role", "editor", "password",
                GOOD_PASSWORD, "display_name", List.of("x"))), 422, "validation_failed");
        assertEquals(List.of("not_string"), errorCodes(wrongTypes, "/username"));
        assertEquals(List.of("not_string"), errorCodes(wrongTypes, "/display_name"));

        JsonNode tooLong = problem(admin.post("/users", body("username", "u".repeat(151), "role", "editor",
                "password", GOOD_PASSWORD)), 422, "validation_failed");
        assertTrue(errorCodes(tooLong, "/username").contains("too_long"), tooLong.toString());
    }

    @Test
    void anUnknownFieldIsRefusedAndNothingIsCreated() {
        JsonNode problem = problem(admin.post("/users", body("username", "users-unknown-field", "role", "editor",
                "password", GOOD_PASSWORD, "is_superuser", true)), 422, "validation_failed");
        assertEquals(List.of("unknown_field"), errorCodes(problem, "/is_superuser"));
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM app_user WHERE username = 'users-unknown-field'"));
    }

    @Test
    void aUsernameTakenInAnyCaseIsRefusedAtSlashUsername() {
        json(admin.post("/users", body("username", "users-Twin", "role", "editor", "password", GOOD_PASSWORD)), 201);
        JsonNode problem = problem(admin.post("/users", body("username", "USERS-TWIN", "role", "moderator",
                "password", OTHER_GOOD_PASSWORD)), 422, "validation_failed");
        assertEquals(List.of("taken"), errorCodes(problem, "/username"));
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM app_user WHERE lower(username) = 'users-twin'"));
    }

    @Test
    void editorsAndModeratorsGet403OnEveryUsersRoute() {
        for (AdminApi api : List.of(editor, moderator)) {
            List<HttpResponse<String>> responses = List.of(
                    api.get("/users"),
                    api.get("/users?search=users"),
                    api.post("/users", body("username", "users-by-non-admin", "role", "administrator", "password",
                            GOOD_PASSWORD)),
                    api.get("/users/" + adminId),
                    api.patch("/users/" + adminId, body("role", "editor")),
                    api.put("/users/" + adminId + "/password", body("password", GOOD_PASSWORD), null));
            for (HttpResponse<String> response : responses) {
                problem(response, 403, "forbidden");
            }
        }
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM app_user WHERE username = 'users-by-non-admin'"));
        assertEquals("administrator", json(admin.get("/users/" + adminId), 200).get("role").asText());
        HttpResponse<String> anonymous = AdminApi.anonymous(backend).get("/users");
        problem(anonymous, 401, "not_authenticated");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void theListSearchesUsernameNameAndEmailLiterallyAndPages() {
        AdminFixture.createUser(backend.db(), "users-search-beta", Role.EDITOR);
        AdminFixture.createUser(backend.db(), "users-search-alpha", Role.MODERATOR);
        assertEquals(List.of("users-search-alpha", "users-search-beta"), usernames("/users?search=users-search"));
        assertEquals(List.of("users-search-beta"), usernames("/users?search=SEARCH-BETA"));
        // The fixture's display name is "User <username>" and its email <username>@example.org.
        assertEquals(List.of("users-search-alpha"), usernames("/users?search=User%20users-search-alp"));
        assertEquals(List.of("users-search-alpha"), usernames("/users?search=alpha%40example.org"));
        // % and _ are searched for as they are, not as LIKE wildcards.
        assertEquals(List.of(), usernames("/users?search=users%25search"));
        assertEquals(List.of(), usernames("/users?search=users_search"));

        JsonNode page = json(admin.get("/users?search=users-search&limit=1&offset=1"), 200);
        assertEquals(1, page.get("limit").asInt());
        assertEquals(1, page.get("offset").asInt());
        assertEquals("users-search-beta", page.at("/items/0/username").asText());
        assertEquals(1, page.get("items").size());
        problem(admin.get("/users?limit=0"), 400, "invalid_parameter");

        assertTrue(usernames("/users?limit=500").contains("users-admin"));
        json(admin.get("/users?limit=500"), 200).get("items").forEach(UsersApiTest::assertNoSecrets);
    }

    private static List<String> usernames(String path) {
        List<String> names = new ArrayList<>();
        json(admin.get(path), 200).get("items").forEach(item -> names.add(item.get("username").asText()));
        return names;
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequestAndValidatesItsFields() {
        long id = AdminFixture.createUser(backend.db(), "users-promoted", Role.EDITOR);
        AdminApi promoted = AdminApi.signedIn(backend, id);
        problem(promoted.get("/users"), 403, "forbidden");

        JsonNode changed = json(admin.patch("/users/" + id, body("role", "administrator", "display_name",
                "Promoted")), 200);
        assertEquals("administrator", changed.get("role").asText());
        assertEquals("Promoted", changed.get("display_name").asText());
        assertEquals("users-promoted@example.org", changed.get("email").asText(), "fields left out stay");
        assertEquals(200, promoted.get("/users").statusCode(), "the same token now acts as an administrator");

        json(admin.patch("/users/" + id, body("role", "editor")), 200);
        problem(promoted.get("/users"), 403, "forbidden");

        JsonNode invalid = problem(admin.patch("/users/" + id, body("role", "root", "active", "no", "email", "x",
                "username", "renamed")), 422, "validation_failed");
        assertEquals(List.of("invalid_choice"), errorCodes(invalid, "/role"));
        assertEquals(List.of("not_boolean"), errorCodes(invalid, "/active"));
        assertEquals(List.of("invalid_email"), errorCodes(invalid, "/email"));
        assertEquals(List.of("unknown_field"), errorCodes(invalid, "/username"));
        assertEquals("editor", json(admin.get("/users/" + id), 200).get("role").asText(), "nothing changed");

        problem(admin.patch("/users/999999999", body("role", "editor")), 404, "not_found");
        problem(admin.get("/users/999999999"), 404, "not_found");
        problem(admin.get("/users/not-a-number"), 404, "not_found");
    }

    @Test
    void deactivatingAUserEndsTheirSessionsAndTokensAtOnce() {
        long id = AdminFixture.createUser(backend.db(), "users-leaver", Role.MODERATOR);
        AdminApi token = AdminApi.signedIn(backend, id);
        AdminApi.Browser browser = browserClient().browser("users-leaver", AdminFixture.PASSWORD);
        assertEquals(200, token.get("/me").statusCode());
        assertEquals(200, browserClient().withCookie("GET", "/me", browser, null).statusCode());

        JsonNode deactivated = json(admin.patch("/users/" + id, body("active", false)), 200);
        assertFalse(deactivated.get("active").asBoolean());
        problem(token.get("/me"), 401, "not_authenticated");
        problem(browserClient().withCookie("GET", "/me", browser, null), 401, "not_authenticated");
        assertEquals(0, activeSessionsOf(id), "revoked, not only refused while inactive");
        problem(browserClient().logIn("users-leaver", AdminFixture.PASSWORD), 401, "invalid_credentials");

        // Reactivated, the account logs in again, but what it had before stays revoked.
        assertTrue(json(admin.patch("/users/" + id, body("active", true)), 200).get("active").asBoolean());
        problem(token.get("/me"), 401, "not_authenticated");
        problem(browserClient().withCookie("GET", "/me", browser, null), 401, "not_authenticated");
        assertEquals(200, browserClient().logIn("users-leaver", AdminFixture.PASSWORD).statusCode());
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherDemotedNorDeactivated() throws SQLException {
        long lastId = AdminFixture.createUser(backend.db(), "users-last-admin", Role.ADMINISTRATOR);
        AdminApi last = AdminApi.signedIn(backend, lastId);
        // All test classes share the database: for this test, every other administrator is made inactive, and
        // made active again afterwards.
        List<Long> others = AdminFixture.deactivateOtherAdministrators(backend.db(), lastId);
        try {
            assertTrue(others.contains(adminId));
            JsonNode demoted = problem(last.patch("/users/" + lastId, body("role", "moderator")), 409,
                    "last_administrator");
            assertEquals(409, demoted.get("status").asInt());
            problem(last.patch("/users/" + lastId, body("active", false)), 409, "last_administrator");
            problem(last.patch("/users/" + lastId, body("role", "editor", "active", false)), 409,
                    "last_administrator");
            JsonNode still = json(last.get("/users/" + lastId), 200);
            assertEquals("administrator", still.get("role").asText());
            assertTrue(still.get("active").asBoolean());
            // Changes that keep it an active administrator are fine.
            assertEquals("Last one", json(last.patch("/users/" + lastId, body("display_name", "Last one")), 200)
                    .get("display_name").asText());
            // An inactive administrator does not count as another one; reactivating one does.
            long inactive = others.getFirst();
            problem(last.patch("/users/" + lastId, body("role", "editor")), 409, "last_administrator");
            json(last.patch("/users/" + inactive, body("active", true)), 200);
            others.remove(Long.valueOf(inactive));
            assertEquals("editor", json(last.patch("/users/" + lastId, body("role", "editor")), 200)
                    .get("role").asText());
        } finally {
            AdminFixture.reactivate(backend.db(), others);
        }
    }

    @Test
    void anAdministratorsPasswordResetRevokesTheUsersSessionsAndTokensAndTheNewPasswordLogsIn() {
        long id = AdminFixture.createUser(backend.db(), "users-reset", Role.EDITOR);
        AdminApi token = AdminApi.signedIn(backend, id);
        AdminApi.Browser browser = browserClient().browser("users-reset", AdminFixture.PASSWORD);

        JsonNode weak = problem(admin.put("/users/" + id + "/password", body("password", "users-reset-2024!"), null),
                422, "validation_failed");
        assertEquals(List.of("same_as_username"), errorCodes(weak, "/password"));
        JsonNode unknown = problem(admin.put("/users/" + id + "/password", body("password", GOOD_PASSWORD,
                "current_password", "x"), null), 422, "validation_failed");
        assertEquals(List.of("unknown_field"), errorCodes(unknown, "/current_password"));
        assertEquals(200, token.get("/me").statusCode(), "refused resets change nothing");

        HttpResponse<String> reset = admin.put("/users/" + id + "/password", body("password", GOOD_PASSWORD), null);
        assertEquals(204, reset.statusCode(), reset.body());
        assertEquals("", reset.body());
        problem(token.get("/me"), 401, "not_authenticated");
        problem(browserClient().withCookie("GET", "/me", browser, null), 401, "not_authenticated");
        assertEquals(0, activeSessionsOf(id));
        problem(browserClient().logIn("users-reset", AdminFixture.PASSWORD), 401, "invalid_credentials");
        assertEquals("users-reset", json(browserClient().logIn("users-reset", GOOD_PASSWORD), 200)
                .at("/user/username").asText());

        problem(admin.put("/users/999999999/password", body("password", GOOD_PASSWORD), null), 404, "not_found");
    }

    @Test
    void anAdministratorResettingTheirOwnPasswordKeepsTheCurrentToken() {
        long id = AdminFixture.createUser(backend.db(), "users-self-reset", Role.ADMINISTRATOR);
        AdminApi current = AdminApi.signedIn(backend, id);
        AdminApi other = AdminApi.signedIn(backend, id);
        assertEquals(204, current.put("/users/" + id + "/password", body("password", GOOD_PASSWORD), null)
                .statusCode());
        assertEquals(200, current.get("/me").statusCode());
        problem(other.get("/me"), 401, "not_authenticated");
    }

    @Test
    void meShowsTheAccountItsRoleAndItsPermissions() {
        JsonNode me = json(editor.get("/me"), 200);
        assertEquals("users-editor", me.get("username").asText());
        assertEquals("editor", me.get("role").asText());
        assertEquals(List.of("read_content", "edit_pages", "edit_images", "edit_authors"), texts(me.get("permissions")));
        assertNoSecrets(me);

        List<String> moderatorPermissions = texts(json(moderator.get("/me"), 200).get("permissions"));
        assertTrue(moderatorPermissions.containsAll(List.of("read_content", "publish", "move_pages",
                "delete_content")), moderatorPermissions.toString());
        assertFalse(moderatorPermissions.contains("manage_users"));

        JsonNode adminMe = json(admin.get("/me"), 200);
        assertEquals("administrator", adminMe.get("role").asText());
        assertEquals(adminId, adminMe.get("id").asLong());
        assertEquals(List.of("read_content", "edit_pages", "edit_images", "edit_authors", "publish", "move_pages",
                "delete_content", "manage_users", "manage_tokens", "read_audit_log", "edit_html_blocks"),
                texts(adminMe.get("permissions")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOneKeepsThisTokenAndRevokesTheOthers() {
        long id = AdminFixture.createUser(backend.db(), "users-self", Role.EDITOR);
        AdminApi current = AdminApi.signedIn(backend, id);
        AdminApi other = AdminApi.signedIn(backend, id);
        AdminApi.Browser browser = browserClient().browser("users-self", AdminFixture.PASSWORD);

        JsonNode wrong = problem(current.put("/me/password", body("current_password", "not my password at all",
                "new_password", GOOD_PASSWORD), null), 422, "validation_failed");
        assertEquals(List.of("wrong_password"), errorCodes(wrong, "/current_password"));
        JsonNode weak = problem(current.put("/me/password", body("current_password", AdminFixture.PASSWORD,
                "new_password", "short"), null), 422, "validation_failed");
        assertEquals(List.of("too_short"), errorCodes(weak, "/new_password"));
        JsonNode missing = problem(current.put("/me/password", body("new_password", GOOD_PASSWORD), null), 422,
                "validation_failed");
        assertEquals(List.of("required"), errorCodes(missing, "/current_password"));
        assertEquals(200, other.get("/me").statusCode(), "refused changes revoke nothing");

        assertEquals(204, current.put("/me/password", body("current_password", AdminFixture.PASSWORD,
                "new_password", GOOD_PASSWORD), null).statusCode());
        assertEquals(200, current.get("/me").statusCode(), "the token that changed it keeps working");
        problem(other.get("/me"), 401, "not_authenticated");
        problem(browserClient().withCookie("GET", "/me", browser, null), 401, "not_authenticated");
        assertEquals(1, activeSessionsOf(id));
        problem(browserClient().logIn("users-self", AdminFixture.PASSWORD), 401, "invalid_credentials");
        assertEquals(200, browserClient().logIn("users-self", GOOD_PASSWORD).statusCode());
    }

    @Test
    void aCookieSessionChangesItsOwnPasswordWithTheCsrfTokenAndStaysLoggedIn() {
        AdminFixture.createUser(backend.db(), "users-cookie", Role.MODERATOR);
        AdminApi.Browser browser = browserClient().browser("users-cookie", AdminFixture.PASSWORD);
        HttpResponse<String> changed = browserClient().withCookie("PUT", "/me/password", browser,
                body("current_password", AdminFixture.PASSWORD, "new_password", GOOD_PASSWORD));
        assertEquals(204, changed.statusCode(), changed.body());
        assertEquals(200, browserClient().withCookie("GET", "/me", browser, null).statusCode());
    }
}
