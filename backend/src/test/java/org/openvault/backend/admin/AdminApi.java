package org.openvault.backend.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

/** A client of the admin API for tests: bearer token or none, JSON bodies, the raw answer back. */
public final class AdminApi {

    public static final String V1 = "/api/admin/v1";

    private final BackendExtension backend;
    private final String token;

    public AdminApi(BackendExtension backend, String token) {
        this.backend = backend;
        this.token = token;
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
        return backend.send(request.build());
    }

    /** The JSON of an answer that must have the given status. */
    public static JsonNode json(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return RunningBackend.json(response);
    }
}
