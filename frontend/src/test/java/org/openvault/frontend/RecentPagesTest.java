package org.openvault.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

/**
 * Pages sent again as rendered while their backend answers are fresh: the same bytes in every coding, never once
 * an answer behind them has expired (then the page says it is stale, or shows the change), and never for a draft.
 */
class RecentPagesTest {

    private static final String PAGE = "/exhibits/voices-of-the-vietnam-era";

    @Test
    void aKeptPageIsTheRenderedPageInEveryCodingAndForHead() throws Exception {
        try (FakeHttpServer relay = BackendAnswersTest.relayToBackend(new AtomicLong())) {
            WebServer frontend = RunningSite.startFrontend(relay.url(), Map.of("ov.api.cache.fresh-ms", "60000"));
            try {
                HttpResponse<byte[]> rendered = get(frontend, PAGE, "GET", "identity");
                assertEquals("MISS", rendered.headers().firstValue("x-cache").orElse(""));
                int calls = relay.requests().size();

                HttpResponse<byte[]> again = get(frontend, PAGE, "GET", "identity");
                assertEquals(200, again.statusCode());
                assertEquals("HIT", again.headers().firstValue("x-cache").orElse(""));
                assertArrayEquals(rendered.body(), again.body());
                for (String header : new String[] {"content-type", "content-security-policy", "cache-control", "vary"}) {
                    assertEquals(rendered.headers().allValues(header), again.headers().allValues(header), header);
                }

                HttpResponse<byte[]> gzip = get(frontend, PAGE, "GET", "gzip");
                assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""));
                assertArrayEquals(rendered.body(), gunzip(gzip.body()));

                HttpResponse<byte[]> head = get(frontend, PAGE, "HEAD", "identity");
                assertEquals(200, head.statusCode());
                assertEquals(0, head.body().length);
                assertEquals(calls, relay.requests().size(), "the backend was not asked again");
            } finally {
                frontend.stop();
            }
        }
    }

    @Test
    void aKeptPageIsNotSentOnceTheAnswersBehindItExpire() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        try (FakeHttpServer relay = BackendAnswersTest.relayToBackend(new AtomicLong(), down)) {
            WebServer frontend = RunningSite.startFrontend(relay.url(), Map.of("ov.api.cache.fresh-ms", "1000"));
            try {
                assertEquals(200, get(frontend, PAGE, "GET", "identity").statusCode());
                assertEquals("HIT", get(frontend, PAGE, "GET", "identity").headers().firstValue("x-cache").orElse(""));
                down.set(true);
                Thread.sleep(1100);
                HttpResponse<byte[]> later = get(frontend, PAGE, "GET", "identity");
                assertEquals(200, later.statusCode());
                assertEquals("STALE", later.headers().firstValue("x-cache").orElse(""),
                        "built again from the answers kept for an outage, and saying so");
                assertTrue(later.headers().firstValue("warning").orElse("").startsWith("110"));
            } finally {
                frontend.stop();
            }
        }
    }

    private static HttpResponse<byte[]> get(WebServer frontend, String path, String method, String coding)
            throws IOException, InterruptedException {
        return RunningSite.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", coding).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
