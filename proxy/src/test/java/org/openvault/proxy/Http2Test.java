package org.openvault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.Http2Error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 by ALPN on an event-loop TLS entrypoint, end to end: the JDK's HTTP/2 client and curl (nghttp2) in front,
 * a real upstream behind, and a raw-frames client for what well-behaved clients never send.
 */
class Http2Test {

    @TempDir
    static Path directory;

    private static Upstream echo;
    private static TestProxy proxy;
    private static String downUrl;
    /** An upstream that sends {@link #CLOSING_BODY} bytes with their length and closes the connection right after. */
    private static ServerSocket closing;
    private static final int CLOSING_BODY = 32_000_000;

    @BeforeAll
    static void start() throws IOException {
        echo = new Upstream("echo");
        try (ServerSocket closed = new ServerSocket(0)) {
            downUrl = "http://127.0.0.1:" + closed.getLocalPort();
        }
        closing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(Http2Test::answerThenClose);
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  websecure: {port: 0, tls: true}
                  nohttp2: {port: 0, tls: true, http2: false}
                routers:
                  all: {rule: "PathPrefix(`/`) && !PathPrefix(`/unrouted`)", service: echo}
                  down: {rule: "PathPrefix(`/down`)", service: down, priority: 1000}
                  closing: {rule: "PathPrefix(`/closing`)", service: closing, priority: 1000}
                services:
                  echo: {servers: [ECHO]}
                  down: {servers: [DOWN], attempts: 1}
                  closing: {servers: [CLOSING], attempts: 1}
                """.replace("ECHO", echo.url()).replace("DOWN", downUrl)
                .replace("CLOSING", "http://127.0.0.1:" + closing.getLocalPort())));
    }

    private static void answerThenClose() {
        byte[] body = new byte[CLOSING_BODY];
        java.util.Arrays.fill(body, (byte) 'c');
        while (!closing.isClosed()) {
            try (java.net.Socket socket = closing.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && !head.append((char) b).toString().endsWith("\r\n\r\n")) {
                    // reading the request head
                }
                socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + CLOSING_BODY
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        echo.close();
        closing.close();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(proxy.https.sslContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.https("websecure", path)));
    }

    @Test
    void getIsServedOverHttp2WithForwardedHeaders() throws Exception {
        HttpResponse<String> response = client().send(request("/hello?q=1").header("X-Custom", "yes").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        String body = response.body();
        int port = proxy.proxy.port("websecure");
        assertTrue(body.contains("method=GET\npath=/hello?q=1\n"), body);
        assertTrue(body.contains("header:host=[localhost:" + port + "]"), body);
        assertTrue(body.contains("header:x-custom=[yes]"), body);
        assertTrue(body.contains("header:x-forwarded-proto=[https]"), body);
        assertTrue(body.contains("header:x-forwarded-for=[127.0.0.1]"), body);
        assertTrue(body.contains("header:x-forwarded-host=[localhost:" + port + "]"), body);
        assertTrue(body.contains("header:x-forwarded-port=[" + port + "]"), body);
        assertTrue(body.contains("header:forwarded=[for=127.0.0.1;proto=https;host=\"localhost:" + port + "\"]"), body);
        assertFalse(body.contains("header::"), "no pseudo-header goes upstream: " + body);
        assertEquals("echo", response.headers().firstValue("x-upstream").orElseThrow());
    }

    @Test
    void headHasTheHeadersAndNoBody() throws Exception {
        HttpResponse<String> response = client().send(request("/text").method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("9000", response.headers().firstValue("content-length").orElseThrow());
    }

    @Test
    void twentyMegabytesGoUpWithAndWithoutALength() throws Exception {
        byte[] body = new byte[20_000_000];
        HttpResponse<String> sized = client().send(request("/upload").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sized.statusCode(), sized.body());
        assertTrue(sized.body().contains("body-bytes=20000000\n"), sized.body());
        assertTrue(sized.body().contains("header:content-length=[20000000]"), sized.body());
        // No length: the body goes upstream chunked.
        HttpResponse<String> unsized = client().send(request("/upload").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unsized.statusCode(), unsized.body());
        assertTrue(unsized.body().contains("body-bytes=20000000\n"), unsized.body());
        assertTrue(unsized.body().contains("header:transfer-encoding=[chunked]"), unsized.body());
    }

    @Test
    void twentyMegabytesComeDownWithinTheClientsWindows() throws Exception {
        HttpResponse<InputStream> response = client().send(request("/bytes/20000000").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 'a') {
                        throw new AssertionError("byte " + (total + i) + " is " + buffer[i]);
                    }
                }
                total += n;
            }
        }
        assertEquals(20_000_000, total);
        HttpResponse<String> chunked = client().send(request("/chunked").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("piece ".repeat(1000), chunked.body(), "chunked coding removed, the data whole");
    }

    /**
     * An upstream that closes its connection right after the last byte of a body with a length: what the proxy read
     * before the close but had no room to send yet (its output buffer full of frames curl has not read) still
     * reaches the client, whole. Each round is a new curl (nghttp2), which reads fast enough to keep that race close.
     */
    @Test
    void aBodyWhoseUpstreamClosesRightAfterItArrivesWhole() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        String url = proxy.https("websecure", "/closing");
        for (int round = 0; round < 12; round++) {
            Process process = new ProcessBuilder("curl", "-sk", "--http2", "-o", "/dev/null", "-w",
                    "version=%{http_version} size=%{size_download}", url).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals("version=2 size=" + CLOSING_BODY + " exit=0", output + " exit=" + process.exitValue(), "round " + round);
        }
    }

    @Test
    void aHundredConcurrentStreamsOnOneConnectionEachGetTheirOwnAnswer() throws Exception {
        HttpClient client = client();
        // One request first: the JDK client then puts every further one on the same connection.
        assertEquals(200, client.send(request("/warm").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(client.sendAsync(request("/id/" + i).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = answers.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertTrue(response.body().contains("path=/id/" + i + "\n"), response.body());
        }
    }

    @Test
    void noRouteIs404AndADownUpstreamIs502() throws Exception {
        HttpResponse<String> missing = client().send(request("/unrouted/x").header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"status\": 404") || missing.body().contains("\"status\":404"), missing.body());
        HttpResponse<String> down = client().send(request("/down").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(502, down.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, down.version());
        assertTrue(down.body().contains("Bad Gateway"), down.body());
    }

    @Test
    void http2FalseKeepsTheEntrypointOnHttp11() throws Exception {
        HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(proxy.https("nohttp2", "/plain")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }

    @Test
    void curlWithNghttp2IsServedOverHttp2() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        int port = proxy.proxy.port("websecure");
        Process process = new ProcessBuilder("curl", "-sk", "--http2", "-w", "\nversion=%{http_version} status=%{http_code}",
                "-d", "x".repeat(100_000), "-o", "/dev/null", "https://localhost:" + port + "/bytes/300000",
                "https://localhost:" + port + "/from-curl").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("path=/from-curl\n"), output);
        assertTrue(output.contains("body-bytes=100000\n"), output);
        assertEquals(2, output.split("version=2 status=200", -1).length - 1, output);
    }

    @Test
    void aBadPathFailsOnlyItsStream() throws Exception {
        try (RawHttp2 client = new RawHttp2(proxy.https, proxy.proxy.port("websecure"))) {
            client.headers(1, true, ":method", "GET", ":scheme", "https", ":authority", "localhost", ":path", "/a b");
            assertEquals("400", client.until(Frames.HEADERS, 1).field(":status"));
            client.headers(3, true, ":method", "GET", ":scheme", "https", ":authority", "localhost", ":path", "/back\\slash");
            assertEquals("400", client.until(Frames.HEADERS, 3).field(":status"));
            client.headers(5, true, ":method", "GET", ":scheme", "https", ":authority", "localhost", ":path", "/x",
                    "connection", "keep-alive");
            assertEquals("400", client.until(Frames.HEADERS, 5).field(":status"));
            client.headers(7, true, ":method", "GET", ":scheme", "https", ":authority", "localhost", ":path", "/x",
                    "X-Upper", "case");
            assertEquals("400", client.until(Frames.HEADERS, 7).field(":status"));
            client.get(9, "/after-the-bad-ones");
            RawHttp2.Frame answer = client.until(Frames.HEADERS, 9);
            assertEquals("200", answer.field(":status"));
            assertEquals("echo", answer.field("x-upstream"));
        }
    }

    @Test
    void rapidResetEndsTheConnectionWithEnhanceYourCalm() throws Exception {
        try (RawHttp2 client = new RawHttp2(proxy.https, proxy.proxy.port("websecure"))) {
            for (int stream = 1; stream < 2 * 300; stream += 2) {
                client.get(stream, "/hang-" + stream);
                client.rstStream(stream, Http2Error.CANCEL);
            }
            RawHttp2.Frame goAway = client.until(Frames.GOAWAY, 0);
            assertEquals(Http2Error.ENHANCE_YOUR_CALM, goAway.errorCode());
        }
    }

    @Test
    void pingIsAnsweredAndAFrameOnStreamZeroIsAConnectionError() throws Exception {
        try (RawHttp2 client = new RawHttp2(proxy.https, proxy.proxy.port("websecure"))) {
            client.frame(Frames.PING, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            RawHttp2.Frame ack = client.until(Frames.PING, 0);
            assertEquals(Frames.FLAG_ACK, ack.flags());
            assertEquals(8, ack.payload()[7]);
            client.frame(Frames.DATA, 0, 0, new byte[4]);
            assertEquals(Http2Error.PROTOCOL_ERROR, client.until(Frames.GOAWAY, 0).errorCode());
        }
    }
}
