package org.openvault.backend.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** JSON in and out: one shared mapper, compact UTF-8 output as {@code application/json}. */
public final class ApiJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    public static void send(ServerResponse res, Object body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(bytes(body));
    }

    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a response", e);
        }
    }

    /** Writes {@code body} to {@code out} as it is serialised (an Iterable item by item); leaves {@code out} open. */
    public static void write(Object body, OutputStream out) {
        try {
            MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a response", e);
        }
    }

    /** Parses JSON that the database produced (jsonb as text); null stays null. */
    public static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The database returned malformed JSON", e);
        }
    }
}
