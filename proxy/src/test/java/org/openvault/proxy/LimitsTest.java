package org.openvault.proxy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits against abuse and malformed requests, on plain entrypoints written to byte by byte: {@code web} on the
 * helidon engine, {@code loop} on the event-loop engine, with the same limits.
 */
class LimitsTest {

    @TempDir
    static Path directory;

    private static Upstream echo;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        echo = new Upstream("echo");
        proxy = new TestProxy(directory, """
                proxy:
                  host: 127.0.0.1
                  access-log: {enabled: false}
                  entrypoints:
                    web: {port: 0, max-request-line: 1024, max-header-bytes: 2048, header-timeout: 300ms, max-connections: 2}
                    loop: {port: 0, max-request-line: 1024, max-header-bytes: 2048, header-timeout: 300ms, max-connections: 2,
                           body-timeout: 1s, engine: event-loop}
                  routers:
                    all: {rule: "PathPrefix(`/`)", service: echo}
                  services:
                    echo: {servers: [ECHO]}
                """.replace("ECHO", echo.url()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        echo.close();
    }

    private static int port(String entrypoint) {
        return proxy.proxy.port(entrypoint);
    }

    /**
     * A client that announces a body and stops sending it holds neither its connection nor an upstream one beyond
     * the body timeout: 408, then the connection closes (event-loop engine).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 10000000\r\n\r\n0123456789", "Transfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n"})
    void aStalledRequestBodyIs408AndClosesTheConnection(String bodyStart) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port("loop"))) {
            socket.setSoTimeout(20_000);
            long started = System.nanoTime();
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\n" + bodyStart).getBytes(StandardCharsets.US_ASCII));
            String answer = RawHttp.readAll(socket.getInputStream());
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
            assertTrue(waited >= 900 && waited < 15_000, "answered after " + waited + " ms");
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "loop"})
    void tooLongRequestLineIs414(String entrypoint) {
        String answer = RawHttp.exchange(port(entrypoint), "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 414"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "loop"})
    void tooLargeHeadersAre431(String entrypoint) {
        String answer = RawHttp.exchange(port(entrypoint), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(4000) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "loop"})
    void malformedRequestsAre400(String entrypoint) {
        String garbage = RawHttp.exchange(port(entrypoint), "GARBAGE\r\n\r\n");
        // Not HTTP at all: the connection is closed without an answer (Helidon cannot tell its protocol).
        assertTrue(garbage.isEmpty() || garbage.startsWith("HTTP/1.1 400"), garbage);
        assertTrue(RawHttp.exchange(port(entrypoint), "GET / HTTP/1.1\r\nBad Header Line\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(RawHttp.exchange(port(entrypoint), "GET / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(RawHttp.exchange(port(entrypoint), "GET / HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "loop"})
    void connectionsOverTheLimitWaitUntilOneCloses(String entrypoint) throws Exception {
        String request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        try (Socket third = new Socket()) {
            try (Socket first = new Socket("127.0.0.1", port(entrypoint)); Socket second = new Socket("127.0.0.1", port(entrypoint))) {
                for (Socket socket : new Socket[] {first, second}) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    assertTrue(RawHttp.readAll(socket.getInputStream()).startsWith("HTTP/1.1 200"));
                }
                third.connect(new java.net.InetSocketAddress("127.0.0.1", port(entrypoint)));
                third.setSoTimeout(10_000);
                third.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                assertEquals(0, third.getInputStream().available(), "served past the connection limit");
            }
            assertTrue(RawHttp.readAll(third.getInputStream()).startsWith("HTTP/1.1 200"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "loop"})
    void slowClientIsCutOff(String entrypoint) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(entrypoint))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
                while (read >= 0) {
                    read = in.read();
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the proxy kept a silent connection open", e);
            } catch (SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read);
        }
    }
}
