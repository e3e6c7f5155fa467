package org.openvault.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What probing a running proxy found (odd request lines, TLS renegotiation, silent or half-sent requests, floods
 * of connections from one address), on event-loop entrypoints over plain TCP ({@code web}) and TLS ({@code websecure}).
 */
class ProbesTest {

    @TempDir
    static Path directory;

    private static Upstream echo;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        echo = new Upstream("echo");
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  web: {port: 0, header-timeout: 500ms}
                  crowd: {port: 0, header-timeout: 30s, max-connections-per-address: 64}
                  # 2s: a TLS handshake on a loaded machine takes its time, and the header timeout counts it.
                  websecure: {port: 0, tls: true, header-timeout: 2s}
                routers:
                  redirect: {rule: "PathPrefix(`/`)", entrypoints: [web, crowd], middlewares: [to-https]}
                  site: {rule: "PathPrefix(`/`)", entrypoints: [websecure], middlewares: [secure], service: echo}
                  nowhere: {rule: "PathPrefix(`/nowhere`)", entrypoints: [websecure], middlewares: [secure], service: dead}
                services:
                  echo: {servers: [ECHO]}
                  dead: {servers: ["http://127.0.0.1:DEAD"]}
                middlewares:
                  to-https: {redirect-scheme: {scheme: https, port: 8443}}
                  secure: {headers: {sts-seconds: 31536000, frame-deny: true}}
                """.replace("ECHO", echo.url()).replace("DEAD", Integer.toString(RawHttp.closedPort()))));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        echo.close();
    }

    private static SSLSocket tls(String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) proxy.https.sslContext().getSocketFactory()
                .createSocket("localhost", proxy.proxy.port("websecure"));
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return RawHttp.readAll(socket.getInputStream());
    }

    @Test
    void aRequestLineOverTheLimitOverTlsIs414() throws IOException {
        try (SSLSocket socket = tls()) {
            String answer = send(socket, "GET /" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
        }
    }

    @Test
    void http10OverTlsIsAnswered() throws IOException {
        try (SSLSocket socket = tls()) {
            String answer = send(socket, "GET /ten HTTP/1.0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.0 200 "), answer);
        }
    }

    @Test
    void clientInitiatedRenegotiationIsRefused() throws IOException {
        try (SSLSocket socket = tls("TLSv1.2")) {
            socket.startHandshake();
            assertTrue(send(socket, "GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 200 "));
            assertThrows(IOException.class, () -> {
                socket.startHandshake();
                String answer = send(socket, "GET /second HTTP/1.1\r\nHost: localhost\r\n\r\n");
                if (answer.isEmpty()) {
                    throw new IOException("closed");
                }
            });
        }
    }

    @Test
    void theClientsConnectionCloseClosesTheSocketAfterTheAnswer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port("web"))) {
            socket.setSoTimeout(5_000);
            String answer = send(socket, "GET /a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 301 "), answer);
            assertEquals(-1, socket.getInputStream().read());
        }
        try (SSLSocket socket = tls()) {
            String answer = send(socket, "GET /a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void anAbsoluteUriRedirectsToItsOwnPathOnTheTargetsHost() {
        String answer = RawHttp.head(proxy.proxy.port("web"), "GET http://evil.example/foo?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 301 "), answer);
        assertTrue(answer.contains("\r\nLocation: https://evil.example:8443/foo?x=1\r\n"), answer);
    }

    @Test
    void anInvalidMethodTokenIs400() {
        assertTrue(RawHttp.exchange(proxy.proxy.port("web"), "G@T / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .startsWith("HTTP/1.1 400 "));
    }

    @Test
    void halfARequestLineIsCutAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port("web"))) {
            socket.getOutputStream().write("GET /hal".getBytes(StandardCharsets.US_ASCII));
            RawHttp.assertClosedWithin(socket, 5_000, false);
        }
        try (SSLSocket socket = tls()) {
            socket.getOutputStream().write("GET /hal".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            RawHttp.assertClosedWithin(socket, 5_000, false);
        }
    }

    /** Answers the proxy makes itself carry the security headers of the entrypoint's routers. */
    @Test
    void ownAnswersCarryTheSecurityHeaders() throws IOException {
        for (String request : List.of("GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                "G@T / HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
            try (SSLSocket socket = tls()) {
                String answer = send(socket, request);
                assertTrue(answer.matches("(?s)HTTP/1.1 (400|414|431|502) .*"), answer);
                assertTrue(answer.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"), answer);
                assertTrue(answer.contains("\r\nX-Frame-Options: DENY\r\n"), answer);
            }
        }
    }

    /**
     * Connections from one address beyond the per-address cap are closed at once: 5,000 sockets sending one byte
     * each hold at most the cap, and a visitor from another address is served meanwhile.
     */
    @Test
    void aFloodFromOneAddressIsCappedAndOthersAreServed() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 5_000; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", proxy.proxy.port("crowd")), 5_000);
                try {
                    socket.getOutputStream().write('G');
                } catch (IOException closedAlready) {
                    // refused by the cap
                }
                flood.add(socket);
            }
            try (Socket visitor = new Socket()) {
                visitor.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                visitor.connect(new InetSocketAddress("127.0.0.1", proxy.proxy.port("crowd")), 5_000);
                visitor.setSoTimeout(10_000);
                assertTrue(send(visitor, "GET /visit HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 301 "));
            }
            // Connections still waiting in the listener's accept queue look open until the proxy takes and closes
            // them, so the count is taken again until it settles (an upper bound against a hung proxy, not a timing).
            List<Socket> open = flood;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                open = stillOpen(open);
            } while (open.size() > 64 && System.nanoTime() < deadline && pause(100));
            assertTrue(open.size() <= 64, open.size() + " connections from one address held open");
            assertFalse(flood.isEmpty());
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    /** The sockets the proxy has neither closed nor reset. */
    private static List<Socket> stillOpen(List<Socket> sockets) throws IOException {
        List<Socket> open = new ArrayList<>();
        for (Socket socket : sockets) {
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() >= 0) {
                    open.add(socket);
                }
            } catch (SocketTimeoutException stillOpen) {
                open.add(socket);
            } catch (SocketException reset) {
                // closed
            }
        }
        return open;
    }

    private static boolean pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}
