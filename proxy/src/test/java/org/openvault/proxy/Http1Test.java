package org.openvault.proxy;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/1 on its own, over plain sockets and TLS: bodies with a length or chunked, keep-alive and pipelining, HTTP/1.0
 * clients, malformed requests, a router without service, and the request sent again when the upstream was closing
 * the kept-alive connection it went out on. What every protocol shares (forwarded headers, retries, 502/504) is in
 * ForwardingTest.
 */
class Http1Test {

    @TempDir
    static Path directory;

    private static Upstream a;
    private static TestProxy proxy;
    private static java.net.ServerSocket closing;

    @BeforeAll
    static void start() throws Exception {
        closing = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(Http1Test::answerOnceThenClose);
        a = new Upstream("a");
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  web: {port: 0, max-request-line: 200, max-header-bytes: 1000, header-timeout: 500ms}
                  websecure: {port: 0, tls: true}
                routers:
                  main: {rule: "PathPrefix(`/`)", service: a}
                  nowhere: {rule: "Host(`nowhere.example`)", priority: 200}
                  closing: {rule: "PathPrefix(`/closing`)", service: closing}
                services:
                  a: {servers: [URL_A]}
                  closing: {servers: [CLOSING], attempts: 1}
                """.replace("URL_A", a.url())
                .replace("CLOSING", "http://127.0.0.1:" + closing.getLocalPort())));
    }

    /**
     * An upstream that answers one request per connection as if keeping it alive, and closes the connection
     * when the next request arrives on it (the race every keep-alive proxy meets: the request went out on a
     * connection the server was closing).
     */
    private static void answerOnceThenClose() {
        while (!closing.isClosed()) {
            try (Socket socket = closing.accept()) {
                InputStream in = socket.getInputStream();
                readHead(in);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                readHead(in);
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        }
    }

    private static void readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && !head.append((char) b).toString().endsWith("\r\n\r\n")) {
            // reading the request head
        }
    }

    @AfterAll
    static void stop() throws Exception {
        closing.close();
        proxy.close();
        a.close();
    }

    private static int web() {
        return proxy.proxy.port("web");
    }

    @Test
    void aRouterWithoutServiceAnswers404() {
        String noService = RawHttp.exchange(web(), "GET / HTTP/1.1\r\nHost: nowhere.example\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        assertTrue(noService.startsWith("HTTP/1.1 404 Not Found"), noService);
        assertTrue(noService.contains("Content-Type: application/json"), noService);
        assertTrue(noService.contains("{\"message\":\"This router has no service.\",\"status\":404}"), noService);
    }

    @Test
    void bodiesGoUpWithLengthOrChunkedAndComeBackWhole() throws Exception {
        HttpResponse<String> sized = proxy.https.send(http11("/upload").POST(HttpRequest.BodyPublishers.ofString("x".repeat(300_000)))
                .build());
        assertTrue(sized.body().contains("method=POST"), sized.body());
        assertTrue(sized.body().contains("header:content-length=[300000]"), sized.body());
        assertTrue(sized.body().contains("body-bytes=300000\n"), sized.body());

        long size = 20L * 1024 * 1024;
        HttpResponse<String> streamed = proxy.https.send(http11("/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ForwardingTest.GeneratedBytes(size))).build());
        assertTrue(streamed.body().contains("header:transfer-encoding=[chunked]"), streamed.body());
        assertTrue(streamed.body().contains("body-bytes=" + size + "\n"), streamed.body());

        assertEquals(size, ForwardingTest.downloadedBytes(proxy, http11("/bytes/" + size)));
    }

    /** A request to the websecure entrypoint that the client sends over HTTP/1.1 (it would choose HTTP/2 by ALPN). */
    private static HttpRequest.Builder http11(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.https("websecure", path))).version(java.net.http.HttpClient.Version.HTTP_1_1);
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() {
        String answers = untilClosed("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int first = answers.indexOf("path=/first");
        int second = answers.indexOf("path=/second");
        int third = answers.indexOf("path=/third");
        assertTrue(first > 0 && second > first && third > second, answers);
        assertTrue(answers.contains("body-bytes=5\n"), answers);
        assertEquals(3, answers.split("HTTP/1.1 200 OK", -1).length - 1, answers);
    }

    /** Everything the proxy sends on the plain entrypoint until it closes the connection. */
    private static String untilClosed(String requests) {
        try (Socket socket = new Socket("127.0.0.1", web())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void http10ClientsAreAnsweredInHttp10() {
        String answer = RawHttp.exchange(web(), "GET /old HTTP/1.0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.0 200"), answer);
        assertTrue(answer.contains("path=/old"), answer);
        assertTrue(answer.contains("Connection: close"), answer);
        assertTrue(answer.contains("header:host=[127.0.0.1:"), "the server's authority stands in for the missing Host: " + answer);
        // A chunked answer reaches an HTTP/1.0 client as plain bytes ending with the connection.
        String chunked = RawHttp.exchange(web(), "GET /chunked HTTP/1.0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.0 200"), chunked);
        assertFalse(chunked.toLowerCase().contains("transfer-encoding"), chunked);
        assertTrue(chunked.endsWith("\r\n\r\n" + "piece ".repeat(1000)), chunked);
        String chunked11 = RawHttp.exchange(web(), "GET /chunked HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(chunked11.contains("Transfer-Encoding: chunked"), chunked11);
    }

    @Test
    void aRequestSentOnAKeptAliveConnectionTheUpstreamIsClosingIsSentAgain() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = proxy.get(proxy.https("websecure", "/closing"));
            assertEquals(200, response.statusCode(), "request " + i);
            assertEquals("ok", response.body());
        }
    }

    @Test
    void malformedRequestsGet4xxAndTheConnectionCloses() {
        assertTrue(RawHttp.exchange(web(), "GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(RawHttp.exchange(web(), "GET / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"), "no Host");
        assertTrue(RawHttp.exchange(web(), "GET / HTTP/1.1\r\nHost: a b\r\n\r\n").startsWith("HTTP/1.1 400"), "bad Host");
        assertTrue(RawHttp.exchange(web(), "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(RawHttp.exchange(web(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
                .startsWith("HTTP/1.1 400"), "smuggling");
        assertTrue(RawHttp.exchange(web(), "GET / HTTP/2.0\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 505"));
        assertTrue(RawHttp.exchange(web(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").startsWith("HTTP/1.1 501"));
        assertTrue(RawHttp.exchange(web(), "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 414"));
        String large = RawHttp.exchange(web(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1200) + "\r\n\r\n");
        assertTrue(large.startsWith("HTTP/1.1 431"), large);
        assertTrue(large.contains("Connection: close"), large);
    }
}
