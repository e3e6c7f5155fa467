package org.openvault.backend.api;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that no client should send are the client's error (4xx, the API's JSON shape), never a 5xx. */
class MalformedRequestTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void anInvalidMethodInTheRequestLineIs400() {
        for (String line : List.of("G@T / HTTP/1.1", "G@T /api/v2/pages/ HTTP/1.1", "GET\t/ HTTP/1.1",
                "GET / HTTP/9.9", "/ HTTP/1.1", "GET /api/v2/pages/ HTTP/1.1 extra")) {
            RawHttp.Response answer = RawHttp.exchange(backend.baseUrl(),
                    line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.status() >= 400 && answer.status() < 500, line + " -> " + answer.text());
            assertTrue(answer.header("Content-Type").orElse("").startsWith("application/json"), answer.head());
        }
        assertEquals("{\"message\":\"malformed request\"}",
                RawHttp.exchange(backend.baseUrl(), "G@T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").body());
    }

    @Test
    void randomRequestLinesNeverGiveA5xx() {
        Random random = new Random(20261206);
        String alphabet = "GETPOSHADgetpos@/ ?%:.-_~!*'()[]{}<>|\\^`\"#$&+,;=\t0123456789HTTP/1.";
        for (int i = 0; i < 300; i++) {
            StringBuilder line = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int c = 0; c < length; c++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String request = (random.nextBoolean() ? line + " / HTTP/1.1" : line.toString())
                    + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            RawHttp.Response answer = RawHttp.exchange(backend.baseUrl(), request);
            assertTrue(answer.status() < 500, line + " -> " + answer.text());
        }
    }

    @Test
    void aNulInASitePathParameterIs400() {
        for (String target : List.of("/api/v2/static_pages/?path=/%00", "/api/v2/static_pages/?path=/about%00",
                "/api/v2/redirects/?path=/%00", "/api/v2/pages/?slug=%00", "/api/v2/pages/find/?html_path=/%00/")) {
            RawHttp.Response answer = RawHttp.get(backend.baseUrl(), target);
            assertEquals(400, answer.status(), target + " -> " + answer.text());
            assertTrue(answer.header("Content-Type").orElse("").startsWith("application/json"), answer.head());
        }
    }

    @Test
    void aNulInThePathIsAClientError() {
        for (String target : List.of("/api/v2/pages/%00/", "/api/v2/%00", "/%00", "/media/%00")) {
            RawHttp.Response answer = RawHttp.get(backend.baseUrl(), target);
            assertTrue(answer.status() >= 400 && answer.status() < 500, target + " -> " + answer.text());
        }
    }
}
