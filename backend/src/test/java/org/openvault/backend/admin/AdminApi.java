package org.openvault.backend.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.auth.Role;

/**
 * A client of the admin API for tests: bearer token or none, JSON bodies, the raw answer back; optionally with an
 * {@code X-Forwarded-For} client address (the backend takes it from loopback peers), so that tests can tell their
 * audit entries apart and keep their failed logins off other tests' address counts.
 */
public final class AdminApi {

    public static final String V1 = "/api/admin/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendExtension backend;
    private final String token;
    private final String forwardedFor;

    public AdminApi(BackendExtension backend, String token) {
        this(backend, token, null);
    }

    private AdminApi(BackendExtension backend, String token, String forwardedFor) {
        this.backend = backend;
        this.token = token;
        this.forwardedFor = forwardedFor;
    }

    /** The same client, its requests coming from {@code clientAddress} (an X-Forwarded-For header). */
    public AdminApi from(String clientAddress) {
        return new AdminApi(backend, token, clientAddress);
    }

    /** A web admin login: the session cookie ({@code name=value}) and its CSRF token. */
    public record Browser(String cookie, String csrf) {
    }

    /** A client signed in by bearer token as a new account with {@link AdminFixture#PASSWORD} and {@code role}. */
    public static AdminApi signedIn(BackendExtension backend, String username, Role role) {
        return new AdminApi(backend, AdminFixture.tokenFor(backend.db(), username, role));
    }

    /** A client signed in by a new bearer token as the existing account {@code userId}. */
    public static AdminApi signedIn(BackendExtension backend, long userId) {
        return new AdminApi(backend, AdminFixture.tokenFor(backend.db(), userId));
    }

    /** No credentials at all. */
    public static AdminApi anonymous(BackendExtension backend) {
        return new AdminApi(backend, null);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, null);
    }

    public HttpResponse<String> put(String path, String json, String ifMatch) {
        return send("PUT", path, json, ifMatch);
    }

    public HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json, null);
    }

    public HttpResponse<String> delete(String path, String ifMatch) {
        return send("DELETE", path, null, ifMatch);
    }

    /** Any method; {@code json} null sends no body, {@code ifMatch} null no If-Match. */
    public HttpResponse<String> send(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + V1 + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return backend.send(request.build());
    }

    /** {@code POST /session} with this username and password (from this client's address, if it has one). */
    public HttpResponse<String> logIn(String username, String password) {
        return post("/session", body("username", username, "password", password));
    }

    /** Logs in (which must succeed) and answers the session cookie and CSRF token. */
    public Browser browser(String username, String password) {
        HttpResponse<String> response = logIn(username, password);
        JsonNode body = json(response, 200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), body.get("csrf_token").asText());
    }

    /**
     * A request on a web admin session, as the web admin sends it: the cookie and, for unsafe methods, the CSRF token
     * and the site's Origin. {@code json} null sends no body.
     */
    public HttpResponse<String> withCookie(String method, String path, Browser browser, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + V1 + path))
                .header("Cookie", browser.cookie())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            request.header("X-CSRF-Token", browser.csrf()).header("Origin", backend.baseUrl());
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return backend.send(request.build());
    }

    /** A JSON object of name/value pairs ({@code body("username", "x", "active", false)}), in that order. */
    public static String body(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON of an answer that must have the given status. */
    public static JsonNode json(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return RunningBackend.json(response);
    }

    /** The answer as an RFC 9457 problem, which must have this status and code and be application/problem+json. */
    public static JsonNode problem(HttpResponse<String> response, int status, String code) {
        JsonNode problem = json(response, status);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.equals("application/problem+json")) {
            throw new AssertionError("expected application/problem+json but got " + type + ": " + response.body());
        }
        if (!code.equals(problem.path("code").asText()) || problem.path("status").asInt() != status) {
            throw new AssertionError("expected the problem " + status + " " + code + " but got " + response.body());
        }
        return problem;
    }

    /** The codes of a problem's errors at {@code pointer}, in their order. */
    public static List<String> errorCodes(JsonNode problem, String pointer) {
        List<String> codes = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            if (error.path("pointer").asText().equals(pointer)) {
                codes.add(error.path("code").asText());
            }
        }
        return codes;
    }

    /** The pointers of a problem's errors, in their order. */
    public static List<String> errorPointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(error -> pointers.add(error.path("pointer").asText()));
        return pointers;
    }
}
