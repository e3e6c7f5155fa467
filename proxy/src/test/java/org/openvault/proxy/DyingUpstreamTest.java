package org.openvault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that fails between taking a request and answering it (a process killed with requests in flight, or with
 * kept-alive connections in the proxy's pool) costs no idempotent request that another server, or a new connection,
 * can answer. The failing servers are raw sockets that read a request head and close without a word.
 */
class DyingUpstreamTest {

    @TempDir
    Path directory;

    @Test
    void aGetCutBeforeItsAnswerIsAnsweredByTheNextServerButAPostIsNot() throws Exception {
        try (Upstream healthy = new Upstream("a"); SilentServer dying = new SilentServer(0, 0)) {
            TestProxy proxy = new TestProxy(directory, TestProxy.localConfig("""
                    entrypoints:
                      web: {port: 0}
                    routers:
                      all: {rule: "PathPrefix(`/`)", service: pair}
                    services:
                      pair: {servers: [DYING, HEALTHY], attempts: 2}
                    """.replace("DYING", dying.url()).replace("HEALTHY", healthy.url())));
            try {
                // Round-robin sends some of them to the dying server first.
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> response = proxy.get(proxy.http("web", "/page-" + i));
                    assertEquals(200, response.statusCode(), response.body());
                    assertEquals("a", response.headers().firstValue("x-upstream").orElseThrow());
                }
                assertTrue(dying.requestsTaken() >= 2, "the dying server took " + dying.requestsTaken());
                // A POST may have been acted on before the cut: it is not sent again.
                List<Integer> posts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    posts.add(TestProxy.plain(HttpRequest.newBuilder(URI.create(proxy.http("web", "/form")))
                            .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
                }
                assertEquals(List.of(200, 502), posts.stream().sorted().toList());
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void theRetryAfterAStaleKeptAliveConnectionTakesANewConnectionNotAnotherPooledOne() throws Exception {
        // Answers the first request on each connection once two connections are open, keeping it alive; a second
        // request on a connection is read and the connection closed, as a restarted or dying server's would be.
        try (Upstream other = new Upstream("other"); SilentServer server = new SilentServer(1, 2)) {
            TestProxy proxy = new TestProxy(directory, TestProxy.localConfig("""
                    entrypoints:
                      websecure: {port: 0, tls: true}
                    routers:
                      warm: {rule: "Path(`/warm`)", service: other}
                      kept: {rule: "PathPrefix(`/kept`)", service: kept}
                    services:
                      other: {servers: [OTHER]}
                      kept: {servers: [KEPT]}
                    """.replace("OTHER", other.url()).replace("KEPT", server.url())));
            try {
                // One HTTP/2 connection, so that both upstream connections belong to the same event loop's pool.
                assertEquals(200, proxy.get(proxy.https("websecure", "/warm")).statusCode());
                List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(CompletableFuture.supplyAsync(() -> proxy.get(proxy.https("websecure", "/kept/first"))));
                }
                for (CompletableFuture<HttpResponse<String>> response : both) {
                    assertEquals(200, response.get(10, TimeUnit.SECONDS).statusCode());
                }
                assertEquals(2, server.connections());

                HttpResponse<String> next = proxy.get(proxy.https("websecure", "/kept/next"));
                assertEquals(200, next.statusCode(), next.body());
                assertEquals(3, server.connections(), "answered on a new connection");
            } finally {
                proxy.close();
            }
        }
    }

    /**
     * A raw HTTP/1.1 server: on each connection it answers the first {@code answered} requests ({@code 200 ok}, kept
     * alive; the first ones only once {@code together} connections are open), then reads one more request head and
     * closes the connection without answering.
     */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket;
        private final int answered;
        private final CountDownLatch opened;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger requestsTaken = new AtomicInteger();

        SilentServer(int answered, int together) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.answered = answered;
            this.opened = new CountDownLatch(together);
            Thread.ofVirtual().start(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        /** Requests read and never answered. */
        int requestsTaken() {
            return requestsTaken.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    opened.countDown();
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                for (int i = 0; i < answered; i++) {
                    if (!readHead(in) || !opened.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                if (readHead(in)) {
                    requestsTaken.incrementAndGet();
                }
            } catch (IOException e) {
                // the proxy closed first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
