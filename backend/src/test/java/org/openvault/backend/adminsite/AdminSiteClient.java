package org.openvault.backend.adminsite;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser of the web admin for tests: GETs and form posts (from this site's origin) with the session cookie, the
 * login form, and the answers read as HTML.
 */
final class AdminSiteClient {

    private final BackendExtension backend;

    AdminSiteClient(BackendExtension backend) {
        this.backend = backend;
    }

    /** {@code cookie} null or empty: no session. */
    HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + path));
        if (cookie != null && !cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return backend.send(request.build());
    }

    HttpResponse<String> post(String path, Map<String, String> fields, String cookie) {
        return post(path, fields, cookie, null);
    }

    /** A form post; {@code address} (may be null) is the client address the proxy would forward. */
    HttpResponse<String> post(String path, Map<String, String> fields, String cookie, String address) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", backend.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        if (cookie != null && !cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return backend.send(request.build());
    }

    HttpResponse<String> logIn(String username, String password, String address) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        return post("/admin/login", fields, null, address);
    }

    /** Logs in through the form with {@link AdminFixture#PASSWORD}; answers the {@code name=value} cookie. */
    String session(String username, String address) {
        HttpResponse<String> response = logIn(username, AdminFixture.PASSWORD, address);
        assertEquals(303, response.statusCode(), response.body());
        String setCookie = response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(Authenticator.COOKIE + "=")).findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The answer as an HTML document, which must have this status. */
    Document html(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        return Jsoup.parse(response.body(), backend.baseUrl());
    }

    /** What a browser would send for the form {@code selector} matches (CSRF token, hidden etag), with changes. */
    static Map<String, String> submission(Document page, String selector, Map<String, String> changes) {
        org.jsoup.nodes.Element form = page.selectFirst(selector);
        assertNotNull(form, selector + " in " + page.body().html());
        Map<String, String> fields = new LinkedHashMap<>();
        for (org.jsoup.Connection.KeyVal pair : ((org.jsoup.nodes.FormElement) form).formData()) {
            fields.put(pair.key(), pair.value());
        }
        fields.putAll(changes);
        return fields;
    }

    /** Where a 303 answer sends the browser. */
    static String location(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        return response.headers().firstValue("location").orElse("");
    }
}
