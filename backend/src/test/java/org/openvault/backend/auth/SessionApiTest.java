package org.openvault.backend.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in and out over HTTP: the session cookie, its CSRF protection, failed-login limits, revocation everywhere. */
class SessionApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @BeforeAll
    static void accounts() {
        AdminFixture.createUser(backend.db(), "session-editor", Role.EDITOR);
        AdminFixture.createUser(backend.db(), "session-locked", Role.EDITOR);
        AdminFixture.createUser(backend.db(), "session-twice", Role.EDITOR);
    }

    /** A logged-in browser: the session cookie and the CSRF token. */
    record Browser(String cookie, String csrf, JsonNode login) {
    }

    private static HttpResponse<String> logIn(String username, String password, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/api/admin/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return backend.send(request.build());
    }

    static Browser browser(String username) {
        HttpResponse<String> response = logIn(username, AdminFixture.PASSWORD, null);
        JsonNode body = AdminApi.json(response, 200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Browser(cookie, body.get("csrf_token").asText(), body);
    }

    private static HttpResponse<String> withCookie(String baseUrl, String method, String path, Browser browser,
                                                   String csrf, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/v1" + path))
                .header("Cookie", browser.cookie())
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return backend.send(request.build());
    }

    @Test
    void loginSetsAHostOnlySecureStrictHttpOnlyCookieAndAnswersTheUserAndCsrfToken() {
        HttpResponse<String> response = logIn("Session-Editor", AdminFixture.PASSWORD, backend.baseUrl());
        JsonNode body = AdminApi.json(response, 200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("__Host-ov_session="), cookie);
        for (String attribute : new String[] {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"}) {
            assertTrue(cookie.contains(attribute), attribute + " missing in " + cookie);
        }
        assertFalse(cookie.contains("Domain="), cookie);
        assertEquals("session-editor", body.at("/user/username").asText());
        assertEquals("editor", body.at("/user/role").asText());
        assertTrue(body.get("csrf_token").asText().length() >= 40);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void theCookieAuthenticatesReadsAndUnsafeRequestsNeedTheCsrfTokenAndOurOrigin() {
        Browser browser = browser("session-editor");
        String own = backend.baseUrl();
        assertEquals(200, withCookie(own, "GET", "/me", browser, null, null).statusCode());
        assertEquals(403, withCookie(own, "DELETE", "/session", browser, null, own).statusCode(), "no CSRF token");
        assertEquals(403, withCookie(own, "DELETE", "/session", browser, "wrong", own).statusCode(), "wrong token");
        HttpResponse<String> foreign = withCookie(own, "DELETE", "/session", browser, browser.csrf(), "https://evil.example");
        assertEquals(403, foreign.statusCode());
        assertEquals("csrf_failed", RunningBackend.json(foreign).get("code").asText());
        assertEquals(403, withCookie(own, "DELETE", "/session", browser, browser.csrf(), null).statusCode(), "no Origin");
        assertEquals(200, withCookie(own, "GET", "/me", browser, null, null).statusCode(), "still logged in");
        assertEquals(204, withCookie(own, "DELETE", "/session", browser, browser.csrf(), own).statusCode());
        assertEquals(401, withCookie(own, "GET", "/me", browser, null, null).statusCode(), "logged out");
    }

    @Test
    void aLogoutOnOneBackendHoldsOnAnotherOverTheSameDatabase() {
        Browser browser = browser("session-twice");
        try (RunningBackend second = RunningBackend.start(backend.db())) {
            assertEquals(200, withCookie(second.baseUrl(), "GET", "/me", browser, null, null).statusCode());
            assertEquals(204, withCookie(backend.baseUrl(), "DELETE", "/session", browser, browser.csrf(),
                    backend.baseUrl()).statusCode());
            HttpResponse<String> after = withCookie(second.baseUrl(), "GET", "/me", browser, null, null);
            assertEquals(401, after.statusCode());
            assertEquals("application/problem+json", after.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSame401() {
        HttpResponse<String> wrong = logIn("session-editor", "not the password at all", null);
        HttpResponse<String> unknown = logIn("nobody-at-all", "not the password at all", null);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(RunningBackend.json(wrong).get("detail"), RunningBackend.json(unknown).get("detail"));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void afterFiveFailuresTheAccountGets429WithRetryAfterEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, logIn("session-locked", "guess number " + i + " wrong", null).statusCode());
        }
        HttpResponse<String> locked = logIn("session-locked", AdminFixture.PASSWORD, null);
        assertEquals(429, locked.statusCode(), locked.body());
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals("too_many_attempts", RunningBackend.json(locked).get("code").asText());
        assertEquals(200, logIn("session-editor", AdminFixture.PASSWORD, null).statusCode(), "other accounts unaffected");
    }

    @Test
    void aLoginFromAnotherSitesPageIsRefused() {
        assertEquals(403, logIn("session-editor", AdminFixture.PASSWORD, "https://evil.example").statusCode());
    }

    @Test
    void withoutCredentialsEverythingIs401AsAProblem() {
        HttpResponse<String> response = AdminApi.anonymous(backend).get("/me");
        JsonNode problem = AdminApi.json(response, 401);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(401, problem.get("status").asInt());
        assertEquals("not_authenticated", problem.get("code").asText());
        assertEquals(401, new AdminApi(backend, "ov_forged").get("/me").statusCode());
    }

    @Test
    void malformedLoginBodiesAre4xxProblems() {
        AdminApi anonymous = AdminApi.anonymous(backend);
        assertEquals(400, anonymous.post("/session", "{not json").statusCode());
        assertEquals(400, anonymous.post("/session", "[1,2]").statusCode());
        HttpResponse<String> missing = anonymous.post("/session", "{\"username\":\"x\"}");
        JsonNode problem = AdminApi.json(missing, 422);
        assertEquals("/password", problem.at("/errors/0/pointer").asText());
        assertEquals(415, anonymous.send("POST", "/session", null, null).statusCode());
    }

    @Test
    void unknownAdminPathsAre404Problems() {
        HttpResponse<String> response = AdminApi.anonymous(backend).get("/no-such-thing");
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }
}
