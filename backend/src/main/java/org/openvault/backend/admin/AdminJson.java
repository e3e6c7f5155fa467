package org.openvault.backend.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.validation.Violation;
import org.openvault.backend.validation.Violations;

/** JSON request bodies of the admin API (bounded, objects only) and its answers, problems included. */
public final class AdminJson {

    /** A request body larger than this is refused with 413 before it is parsed. */
    public static final int MAX_BODY_BYTES = 8 << 20;

    // Nesting is bounded so that a hostile body cannot exhaust the stack of the parser or of the validators.
    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AdminJson() {
    }

    /** The request body as a JSON object: 415 when it is not JSON, 413 when too large, 400 when malformed. */
    public static ObjectNode readObject(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new AdminProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "send the body as application/json");
        }
        refuseAnnouncedOverLimit(req);
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw AdminProblem.badRequest("malformed_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw AdminProblem.badRequest("malformed_json", "the body must be a JSON object");
        }
        Violations nul = new Violations();
        findNul(node, "", nul);
        nul.throwIfAny();
        return (ObjectNode) node;
    }

    /**
     * 413 when the request announces a body over {@link #MAX_BODY_BYTES} (JSON or a web admin form), before a byte of
     * it is read: waiting for bytes a client announced but never sends would hold the connection indefinitely.
     */
    public static void refuseAnnouncedOverLimit(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    private static AdminProblem tooLarge() {
        return new AdminProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /**
     * PostgreSQL cannot store U+0000 in text: a string with it would fail its statement (a 500). Every string and
     * member name of a body that has one is refused as a field error, before any endpoint looks at the body.
     */
    private static void findNul(JsonNode node, String pointer, Violations violations) {
        if (node.isTextual()) {
            if (node.asText().indexOf('\0') >= 0) {
                violations.add(pointer, "invalid_character", "text cannot contain NUL (U+0000) characters");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), Violations.pointer(pointer, i), violations);
            }
        } else if (node.isObject()) {
            node.properties().forEach(member -> {
                String at = Violations.pointer(pointer, member.getKey());
                if (member.getKey().indexOf('\0') >= 0) {
                    violations.add(at, "invalid_character", "member names cannot contain NUL (U+0000) characters");
                }
                findNul(member.getValue(), at, violations);
            });
        }
    }

    /** The body as a JSON object when the request has one, else an empty object (actions with optional options). */
    public static ObjectNode readOptionalObject(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return ApiJson.MAPPER.createObjectNode();
        }
        return readObject(req);
    }

    /** Sends a JSON answer with the given status. */
    public static void send(ServerResponse res, Status status, Object body) {
        ApiJson.send(res.status(status), body);
    }

    /** Writes a problem as {@code application/problem+json}. */
    public static void sendProblem(ServerResponse res, AdminProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.status().reasonPhrase());
        body.put("status", problem.status().code());
        body.put("code", problem.code());
        body.put("detail", problem.getMessage());
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            for (Violation v : problem.errors()) {
                errors.add(Map.of("pointer", v.pointer(), "code", v.code(), "detail", v.detail()));
            }
            body.put("errors", errors);
        }
        problem.members().forEach(body::putIfAbsent);
        problem.headers().forEach(res::header);
        res.status(problem.status());
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(ApiJson.bytes(body));
    }
}
