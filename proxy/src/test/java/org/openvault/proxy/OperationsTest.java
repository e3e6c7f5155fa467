package org.openvault.proxy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.Http2Error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access log formats, secrets kept out of the access log, and graceful shutdown with draining */
class OperationsTest {

    @TempDir
    Path directory;

    private TestProxy proxy(Upstream upstream, String format, Path log) {
        return new TestProxy(directory.resolve(format), """
                proxy:
                  host: 127.0.0.1
                  access-log: {format: FORMAT, file: LOG}
                  entrypoints:
                    web: {port: 0, shutdown-grace: 20s}
                  routers:
                    all: {rule: "PathPrefix(`/`)", service: up}
                  services:
                    up: {servers: [UP]}
                """.replace("FORMAT", format).replace("LOG", log.toString()).replace("UP", upstream.url()));
    }

    @Test
    void accessLogAsJsonLines() throws Exception {
        Path log = directory.resolve("access.json");
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = proxy(upstream, "json", log);
            proxy.get(proxy.http("web", "/logged?x=1"), "User-Agent", "tester \"quoted\"");
            proxy.close();
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size());
        String line = lines.getFirst();
        assertTrue(line.startsWith("{\"time\":\""), line);
        assertTrue(line.contains("\"client\":\"127.0.0.1\",\"method\":\"GET\""), line);
        assertTrue(line.contains("\"path\":\"/logged?x=1\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"bytes\":"), line);
        assertTrue(line.contains("\"entrypoint\":\"web\",\"router\":\"all\",\"service\":\"up\",\"upstream\":\"" + "http://127.0.0.1:"), line);
        assertTrue(line.contains("\"user_agent\":\"tester \\\"quoted\\\"\"}"), line);
    }

    @Test
    void accessLogInCommonLogFormat() throws Exception {
        Path log = directory.resolve("access.log");
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = proxy(upstream, "common", log);
            proxy.get(proxy.http("web", "/status/404"));
            proxy.close();
        }
        String line = Files.readAllLines(log).getFirst();
        assertTrue(line.matches("127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                + "\"GET /status/404 HTTP/1\\.1\" 404 6 \"\" \"[^\"]*\" all up \\d+ms"), line);
    }

    @Test
    void previewTokensAreNotLogged() throws Exception {
        Path log = directory.resolve("tokens.json");
        String token = "id%3D12%3A1vPqRs%3AsecretSignature";
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = proxy(upstream, "json", log);
            proxy.get(proxy.http("web", "/preview?content_type=exhibits.exhibitpage&token=" + token));
            proxy.get(proxy.http("web", "/api/v2/page_preview/12/?content_type=exhibits.exhibitpage&token=" + token
                    + "&format=json"), "Referer", "https://openvault.example/preview/?token=" + token + "#top");
            proxy.get(proxy.http("web", "/preview/?%74oken=" + token + "&content_type=a.b"));
            proxy.close();
        }
        String lines = Files.readString(log);
        assertFalse(lines.contains("secretSignature"), lines);
        assertTrue(lines.contains("\"path\":\"/preview?content_type=exhibits.exhibitpage&token=REDACTED\""), lines);
        assertTrue(lines.contains("\"path\":\"/api/v2/page_preview/12/?content_type=exhibits.exhibitpage"
                + "&token=REDACTED&format=json\""), lines);
        assertTrue(lines.contains("\"referer\":\"https://openvault.example/preview/?token=REDACTED#top\""), lines);
        assertTrue(lines.contains("/preview/?%74oken=REDACTED&content_type=a.b"), lines);
    }

    @Test
    void stopLetsInFlightRequestsFinishAndRefusesNewConnections() throws Exception {
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = proxy(upstream, "json", directory.resolve("drain.log"));
            int port = proxy.proxy.port("web");
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> TestProxy.plain(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hang")).build()));
            assertTrue(upstream.arrived.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(proxy::close);
            waitUntilRefused(port);
            upstream.release.countDown();
            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("late", response.body());
            stopping.get(20, TimeUnit.SECONDS);
        }
    }

    /** While the proxy drains, an HTTP/2 connection is told GOAWAY at once, not at the stop after the 10 s drain. */
    @Test
    void drainingSendsGoAwayToHttp2Connections() throws Exception {
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = new TestProxy(directory.resolve("draining-h2"), TestProxy.localConfig("""
                    drain: 10s
                    entrypoints:
                      websecure: {port: 0, tls: true}
                    routers:
                      all: {rule: "PathPrefix(`/`)", service: up}
                    services:
                      up: {servers: [UP]}
                    """.replace("UP", upstream.url())));
            try (RawHttp2 client = new RawHttp2(proxy.https, proxy.proxy.port("websecure"))) {
                client.get(1, "/status/200");
                assertEquals("200", client.until(Frames.HEADERS, 1).field(":status"));
                long started = System.nanoTime();
                CompletableFuture.runAsync(proxy.proxy::drainThenStop);
                RawHttp2.Frame goAway = client.until(Frames.GOAWAY, 0);
                long waited = (System.nanoTime() - started) / 1_000_000;
                assertTrue(waited < 5_000, "GOAWAY after " + waited + " ms: with the stop, not while draining");
                assertEquals(Http2Error.NO_ERROR, goAway.errorCode());
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void drainingTurnsPingDownWhileRequestsAreStillForwardedEachClosingItsConnection() throws Exception {
        try (Upstream upstream = new Upstream("up")) {
            TestProxy proxy = new TestProxy(directory.resolve("draining"), """
                    proxy:
                      host: 127.0.0.1
                      drain: 2s
                      access-log: {enabled: false}
                      entrypoints:
                        web: {port: 0}
                        internal: {port: 0, internal: true}
                      routers:
                        all: {entrypoints: [web], rule: "PathPrefix(`/`)", service: up}
                      services:
                        up: {servers: [UP]}
                    """.replace("UP", upstream.url()));
            int port = proxy.proxy.port("web");
            assertEquals(200, proxy.get(proxy.http("internal", "/ping")).statusCode());
            assertTrue(RawHttp.head(port, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n").toLowerCase()
                    .indexOf("connection: close") < 0, "kept alive before draining");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(proxy.proxy::drainThenStop);
            HttpResponse<String> ping = proxy.get(proxy.http("internal", "/ping"));
            for (int i = 0; i < 100 && ping.statusCode() == 200; i++) {
                Thread.sleep(10);
                ping = proxy.get(proxy.http("internal", "/ping"));
            }
            assertEquals(503, ping.statusCode());
            assertEquals("draining", ping.body());
            String during = RawHttp.head(port, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(during.startsWith("HTTP/1.1 200"), during);
            assertTrue(during.toLowerCase().contains("connection: close"), during);
            stopping.get(20, TimeUnit.SECONDS);
            waitUntilRefused(port);
        }
    }

    private static void waitUntilRefused(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            } catch (ConnectException refused) {
                return;
            } catch (java.io.IOException other) {
                return;
            }
        }
        throw new AssertionError("the proxy still accepts connections while stopping");
    }
}
