package org.openvault.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forwarding: headers, bodies, upstream failures, retries, balancing and health checks. */
class ForwardingTest {

    @TempDir
    static Path directory;

    private static Upstream a;
    private static Upstream b;
    private static Upstream c;
    private static TestProxy proxy;
    private static TestProxy trusting;
    private static java.net.ServerSocket closing;

    private static String config(String trustedProxies) {
        return """
                proxy:
                  host: 127.0.0.1
                  trusted-proxies: [TRUSTED]
                  access-log: {enabled: false}
                  tls: {certificate: CERT, key: KEY}
                  entrypoints:
                    web: {port: 0}
                    websecure: {port: 0, tls: true}
                  routers:
                    main: {rule: "PathPrefix(`/`)", service: a}
                    low: {rule: "Path(`/priority`)", priority: 1, service: b}
                    high: {rule: "Path(`/priority`) && Method(`DELETE`)", priority: 100, service: c}
                    dead: {rule: "PathPrefix(`/dead`)", service: dead}
                    slow: {rule: "PathPrefix(`/hang`)", service: slow}
                    pool: {rule: "PathPrefix(`/pool/`)", middlewares: [unpool], service: pool}
                    retry: {rule: "PathPrefix(`/retry/`)", middlewares: [unretry], service: retry}
                    closing: {rule: "PathPrefix(`/closing`)", service: closing}
                  services:
                    a: {servers: [URL_A]}
                    b: {servers: [URL_B]}
                    c: {servers: [URL_C]}
                    dead: {servers: [DEAD], attempts: 3}
                    closing: {servers: [CLOSING], attempts: 1}
                    slow: {servers: [URL_A], timeout: 300ms}
                    pool:
                      servers: [URL_B, URL_C]
                      health-check: {path: /health, interval: 1h}
                    retry:
                      servers: [DEAD, URL_A]
                      attempts: 2
                      passive-health-check: {max-fails: 1, fail-timeout: 1h}
                  middlewares:
                    unpool: {strip-prefix: {prefixes: [/pool]}}
                    unretry: {strip-prefix: {prefixes: [/retry]}}
                """.replace("TRUSTED", trustedProxies).replace("DEAD", "http://127.0.0.1:" + RawHttp.closedPort())
                .replace("CLOSING", "http://127.0.0.1:" + closing.getLocalPort()).replace("URL_A", a.url()).replace("URL_B", b.url()).replace("URL_C", c.url());
    }

    @BeforeAll
    static void start() throws Exception {
        closing = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(ForwardingTest::answerOnceThenClose);
        a = new Upstream("a");
        b = new Upstream("b");
        c = new Upstream("c");
        proxy = new TestProxy(directory.resolve("untrusting"), config("10.0.0.0/8"));
        trusting = new TestProxy(directory.resolve("trusting"), config("127.0.0.1/32, '::1/128'"));
    }

    /** An upstream that answers one request per connection as if keeping it alive, then closes it. */
    private static void answerOnceThenClose() {
        while (!closing.isClosed()) {
            try (java.net.Socket socket = closing.accept()) {
                java.io.InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && !head.append((char) b).toString().endsWith("\r\n\r\n")) {
                    // reading the request head
                }
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        closing.close();
        proxy.close();
        trusting.close();
        a.close();
        b.close();
        c.close();
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreReplaced() {
        forwardedHeadersFromAnUntrustedClientAreReplaced(proxy);
    }

    /** Through {@code proxy}'s websecure entrypoint (routed to upstream a). */
    static void forwardedHeadersFromAnUntrustedClientAreReplaced(TestProxy proxy) {
        int port = proxy.proxy.port("websecure");
        HttpResponse<String> response = proxy.get(proxy.https("websecure", "/some/path?q=a%20b&x=1"),
                "X-Forwarded-For", "6.6.6.6", "X-Real-IP", "6.6.6.6", "Forwarded", "for=6.6.6.6", "X-Forwarded-Proto", "gopher");
        assertEquals(200, response.statusCode());
        assertEquals("a", response.headers().firstValue("X-Upstream").orElse(""));
        String echoed = response.body();
        assertTrue(echoed.contains("path=/some/path?q=a%20b&x=1\n"), echoed);
        assertTrue(echoed.contains("header:x-forwarded-for=[127.0.0.1]"), echoed);
        assertTrue(echoed.contains("header:x-real-ip=[127.0.0.1]"), echoed);
        assertTrue(echoed.contains("header:x-forwarded-proto=[https]"), echoed);
        assertTrue(echoed.contains("header:x-forwarded-host=[localhost:" + port + "]"), echoed);
        assertTrue(echoed.contains("header:x-forwarded-port=[" + port + "]"), echoed);
        assertTrue(echoed.contains("header:forwarded=[for=127.0.0.1;proto=https;host=\"localhost:" + port + "\"]"), echoed);
        assertTrue(echoed.contains("header:host=[localhost:" + port + "]"), echoed);
        assertFalse(echoed.contains("6.6.6.6"), echoed);
    }

    @Test
    void forwardedHeadersFromATrustedProxyAreExtended() {
        HttpResponse<String> response = trusting.get(trusting.https("websecure", "/"),
                "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7;proto=https", "X-Forwarded-Proto", "https");
        String echoed = response.body();
        assertTrue(echoed.contains("header:x-forwarded-for=[203.0.113.7, 127.0.0.1]"), echoed);
        assertTrue(echoed.contains("header:x-real-ip=[203.0.113.7]"), echoed);
        assertTrue(echoed.contains("header:forwarded=[for=203.0.113.7;proto=https, for=127.0.0.1;proto=https;host="), echoed);
    }

    @Test
    void hopByHopHeadersAreDroppedBothWays() {
        String answer = RawHttp.exchange(proxy.proxy.port("web"), "GET /echo HTTP/1.1\r\nHost: site.test\r\n"
                + "Connection: close, X-Secret\r\nX-Secret: s3cr3t\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
                + "Proxy-Authorization: Basic eDp5\r\nX-Kept: yes\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("header:x-kept=[yes]"), answer);
        assertTrue(answer.contains("header:host=[site.test]"), answer);
        assertTrue(answer.contains("header:x-forwarded-proto=[http]"), answer);
        assertTrue(answer.contains("header:x-forwarded-port=[80]"), answer);
        for (String dropped : new String[] {"x-secret", "timeout=5", "header:te=", "proxy-authorization"}) {
            assertFalse(answer.toLowerCase().contains(dropped), dropped + " in " + answer);
        }
        HttpResponse<String> hop = proxy.get(proxy.https("websecure", "/hop"));
        assertEquals("hop", hop.body());
        assertFalse(hop.headers().firstValue("x-private-hop").isPresent(), hop.headers().toString());
        assertFalse(hop.headers().firstValue("keep-alive").isPresent(), hop.headers().toString());
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.proxy.port("web"))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: site.test\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] interim = new byte[25];
            int read = 0;
            while (read < interim.length) {
                read += socket.getInputStream().read(interim, read, interim.length - read);
            }
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = RawHttp.readAll(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("body-bytes=5\n"), answer);
            assertFalse(answer.toLowerCase().contains("header:expect"), answer);
        }
    }

    @Test
    void responsesWithoutBodyKeepTheConnectionsUsable() {
        answersWithoutBodyKeepTheConnectionsUsable(proxy);
        String head = RawHttp.head(proxy.proxy.port("web"), "HEAD /text HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.toLowerCase().contains("content-length: " + "<p>Open Vault</p>\n".repeat(500).length()), head);
    }

    /**
     * HEAD, 204 and 304 answers through {@code proxy}'s websecure entrypoint leave its upstream connections usable
     * (the test upstream, Helidon, sends a body after HEAD anyway: that connection must not be reused).
     */
    static void answersWithoutBodyKeepTheConnectionsUsable(TestProxy proxy) {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> head = proxy.https.send(HttpRequest.newBuilder(URI.create(proxy.https("websecure", "/text")))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertEquals(204, proxy.get(proxy.https("websecure", "/status/204")).statusCode());
            assertEquals(304, proxy.get(proxy.https("websecure", "/status/304")).statusCode());
            HttpResponse<String> text = proxy.get(proxy.https("websecure", "/text"));
            assertEquals(200, text.statusCode());
            assertEquals("<p>Open Vault</p>\n".repeat(500), text.body());
        }
    }

    @Test
    void keptAliveConnectionTheUpstreamClosedIsReplaced() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = proxy.get(proxy.https("websecure", "/closing"));
            assertEquals(200, response.statusCode());
            assertEquals("ok", response.body());
        }
    }

    @Test
    void highestPriorityWinsAmongMatchingRouters() {
        assertEquals("a", proxy.get(proxy.https("websecure", "/priority")).headers().firstValue("x-upstream").orElseThrow());
        HttpResponse<String> delete = proxy.https.send(HttpRequest.newBuilder(URI.create(proxy.https("websecure", "/priority")))
                .DELETE().build());
        assertEquals("c", delete.headers().firstValue("x-upstream").orElseThrow());
    }

    @Test
    void refusedUpstreamIs502AsHtmlOrJson() {
        HttpResponse<String> html = proxy.get(proxy.https("websecure", "/dead"));
        assertEquals(502, html.statusCode());
        assertTrue(html.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(html.body().contains("<h1>502 Bad Gateway</h1>"), html.body());
        HttpResponse<String> json = proxy.get(proxy.https("websecure", "/dead"), "Accept", "application/json");
        assertEquals(502, json.statusCode());
        assertEquals("{\"message\":\"The upstream server refused the connection.\",\"status\":502}", json.body());
    }

    @Test
    void slowUpstreamIs504() {
        HttpResponse<String> response = proxy.get(proxy.https("websecure", "/hang"), "Accept", "application/json");
        assertEquals(504, response.statusCode());
        assertEquals("{\"message\":\"The upstream server did not answer in time.\",\"status\":504}", response.body());
    }

    @Test
    void anUpstreamThatStallsInsideTheBodyIsCutOffAfterTheTimeout() {
        long started = System.nanoTime();
        // Read until the proxy closes (RawHttp fails after 10 s of silence).
        String answer = RawHttp.exchange(proxy.proxy.port("web"), "GET /hang-body HTTP/1.1\r\nHost: site.test\r\n\r\n");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        int body = answer.length() - answer.indexOf("\r\n\r\n") - 4;
        assertTrue(body >= 1000 && body < 100_000, "body bytes: " + body);
        assertTrue(millis >= 250 && millis < 5000, "cut off after " + millis + " ms");
    }

    @Test
    void refusedConnectionIsRetriedOnTheNextServerForIdempotentMethods() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = proxy.get(proxy.https("websecure", "/retry/x"));
            assertEquals(200, response.statusCode());
            assertEquals("a", response.headers().firstValue("x-upstream").orElseThrow());
        }
        HttpResponse<String> metrics = proxy.get(proxy.https("websecure", "/retry/x"));
        assertTrue(metrics.body().contains("path=/x\n"), metrics.body());
        assertTrue(proxy.proxy.metrics().render().contains("url=\"http://127.0.0.1:"), "health listed");
    }

    @Test
    void failingHealthCheckEjectsAServerAndPassingOneBringsItBack() {
        assertEquals(Set.of("b", "c"), upstreamsOf(4));
        c.healthy = false;
        proxy.proxy.checkHealthNow();
        try {
            assertEquals(Set.of("b"), upstreamsOf(4));
            assertTrue(proxy.proxy.metrics().render().contains("proxy_upstream_up{service=\"pool\",url=\"" + c.url() + "\"} 0"));
        } finally {
            c.healthy = true;
            proxy.proxy.checkHealthNow();
        }
        assertEquals(Set.of("b", "c"), upstreamsOf(4));
    }

    private static Set<String> upstreamsOf(int requests) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = proxy.get(proxy.https("websecure", "/pool/x"));
            assertEquals(200, response.statusCode());
            seen.add(response.headers().firstValue("x-upstream").orElseThrow());
        }
        return seen;
    }

    @Test
    void hundredMegabytesStreamBothWaysWithoutBuffering() throws Exception {
        long size = 100L * 1024 * 1024;
        assertEquals(size, downloadedBytes(proxy, HttpRequest.newBuilder(URI.create(proxy.https("websecure", "/bytes/" + size)))));

        HttpResponse<String> up = proxy.https.send(HttpRequest.newBuilder(URI.create(proxy.https("websecure", "/upload")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedBytes(size))).build());
        assertEquals(200, up.statusCode());
        assertTrue(up.body().contains("body-bytes=" + size + "\n"), up.body());
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L * 1024 * 1024, "the test JVM runs with a small heap");
    }

    /** Streams the upstream's {@code /bytes/N} answer, checking every byte; how many arrived. */
    static long downloadedBytes(TestProxy proxy, HttpRequest.Builder request) throws java.io.IOException {
        HttpResponse<InputStream> down = proxy.https.sendStreaming(request.build());
        assertEquals(200, down.statusCode());
        long received = 0;
        try (InputStream in = down.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 'a') {
                        throw new AssertionError("byte " + (received + i) + " is " + buffer[i]);
                    }
                }
                received += n;
            }
        }
        return received;
    }

    /** {@code size} bytes made up on the fly. */
    static final class GeneratedBytes extends InputStream {
        private long left;

        GeneratedBytes(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
