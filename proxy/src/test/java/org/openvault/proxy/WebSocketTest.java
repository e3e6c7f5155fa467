package org.openvault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket handshakes through the proxy (plain and TLS) to a real WebSocket server: tunnelled after the routing. */
class WebSocketTest {

    @TempDir
    static Path directory;

    private static WebSocketEcho echo;
    private static Upstream http;
    private static TestProxy proxy;
    private static HttpClient tlsClient;
    private static HttpClient plainClient;

    @BeforeAll
    static void start() throws Exception {
        echo = new WebSocketEcho();
        http = new Upstream("http");
        String sha = "{SHA}" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest("pass".getBytes(StandardCharsets.UTF_8)));
        proxy = new TestProxy(directory, """
                proxy:
                  host: 127.0.0.1
                  access-log: {enabled: false}
                  tls: {certificate: CERT, key: KEY}
                  entrypoints:
                    websecure: {port: 0, tls: true}
                    web: {port: 0}
                    quiet: {port: 0, idle-timeout: 1s}
                  routers:
                    ws: {rule: "PathPrefix(`/ws`) || PathPrefix(`/bye`)", service: echo}
                    guarded: {rule: "PathPrefix(`/guarded`)", middlewares: [auth, strip], service: echo}
                    blocked: {rule: "PathPrefix(`/blocked`)", middlewares: [only-ten], service: echo}
                    down: {rule: "PathPrefix(`/down`)", service: down}
                    plain: {rule: "PathPrefix(`/plain`)", service: http}
                  services:
                    echo: {servers: [ECHO]}
                    down: {servers: ["http://127.0.0.1:CLOSED"]}
                    http: {servers: [HTTP]}
                  middlewares:
                    auth: {basic-auth: {users: ["guest:SHA"]}}
                    strip: {strip-prefix: {prefixes: [/guarded]}}
                    only-ten: {ip-allow-list: {source-range: [10.0.0.0/8]}}
                """.replace("ECHO", echo.url()).replace("HTTP", http.url()).replace("SHA", sha)
                .replace("CLOSED", Integer.toString(RawHttp.closedPort())));
        tlsClient = HttpClient.newBuilder().sslContext(proxy.https.sslContext()).build();
        plainClient = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        http.close();
        echo.close();
    }

    @BeforeEach
    void forgetEarlierHandshakes() {
        echo.handshakes.clear();
        echo.closesReceived.clear();
    }

    private static URI wss(String path) {
        return URI.create("wss://localhost:" + port("websecure") + path);
    }

    private static URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port("web") + path);
    }

    private static int port(String entrypoint) {
        return proxy.proxy.port(entrypoint);
    }

    private static Received connect(HttpClient client, URI uri, String... headers) {
        Received received = new Received();
        WebSocket.Builder builder = client.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        received.socket = builder.buildAsync(uri, received).join();
        return received;
    }

    private static int refusedStatus(HttpClient client, URI uri, String... headers) {
        CompletionException e = assertThrows(CompletionException.class, () -> connect(client, uri, headers));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    @Test
    void textAndBinaryMessagesEchoOverTls() throws Exception {
        Received received = connect(tlsClient, wss("/ws/chat?room=1"));
        received.socket.sendText("hello, vault", true).join();
        assertEquals("hello, vault", received.next());
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        received.socket.sendBinary(ByteBuffer.wrap(big), true).join();
        assertArrayEquals(big, (byte[]) received.next());
        received.socket.sendText("again", true).join();
        assertEquals("again", received.next());

        Map<String, String> handshake = echo.handshakes.poll(5, TimeUnit.SECONDS);
        assertEquals("/ws/chat?room=1", handshake.get(":path"));
        assertEquals("websocket", handshake.get("upgrade"));
        assertEquals("Upgrade", handshake.get("connection"));
        assertEquals("13", handshake.get("sec-websocket-version"));
        assertTrue(handshake.containsKey("sec-websocket-key"), handshake.toString());
        assertEquals("localhost:" + port("websecure"), handshake.get("host"));
        assertEquals("127.0.0.1", handshake.get("x-forwarded-for"));
        assertEquals("https", handshake.get("x-forwarded-proto"));
        assertEquals("127.0.0.1", handshake.get("x-real-ip"));
        received.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void textAndBinaryMessagesEchoOnPlainHttp() throws Exception {
        Received received = connect(plainClient, ws("/ws"));
        received.socket.sendText("plain", true).join();
        assertEquals("plain", received.next());
        received.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) received.next());
        assertEquals("http", echo.handshakes.poll(5, TimeUnit.SECONDS).get("x-forwarded-proto"));
        received.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void aCloseFromTheClientReachesTheUpstreamAndItsAnswerComesBack() throws Exception {
        Received received = connect(tlsClient, wss("/ws"));
        received.socket.sendClose(4001, "done here").join();
        assertEquals("closed 4001 done here", received.next());
        assertEquals("4001 done here", echo.closesReceived.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aCloseFromTheUpstreamReachesTheClient() throws Exception {
        Received received = connect(tlsClient, wss("/bye"));
        received.socket.sendText("last words", true).join();
        assertEquals("last words", received.next());
        assertEquals("closed 1000 bye", received.next());
    }

    @Test
    void middlewaresDecideBeforeTheUpgrade() throws Exception {
        assertEquals(401, refusedStatus(tlsClient, wss("/guarded/ws")));
        assertEquals(403, refusedStatus(plainClient, ws("/blocked")));
        assertNull(echo.handshakes.poll(200, TimeUnit.MILLISECONDS), "denied handshakes must not reach the upstream");

        String credentials = Base64.getEncoder().encodeToString("guest:pass".getBytes(StandardCharsets.UTF_8));
        Received received = connect(tlsClient, wss("/guarded/ws"), "Authorization", "Basic " + credentials);
        received.socket.sendText("let in", true).join();
        assertEquals("let in", received.next());
        assertEquals("/ws", echo.handshakes.poll(5, TimeUnit.SECONDS).get(":path"));
        received.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void anUpstreamThatRefusesIs502() {
        assertEquals(502, refusedStatus(tlsClient, wss("/down")));
        assertEquals(502, refusedStatus(plainClient, ws("/down")));
    }

    private static final String HANDSHAKE = "GET /ws HTTP/1.1\r\nHost: example.org\r\nConnection: keep-alive, Upgrade\r\n"
            + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    @Test
    void theSwitchingResponseAndFramesOnTheWire() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port("web"))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(in).toLowerCase();
            assertTrue(head.startsWith("http/1.1 101 "), head);
            assertTrue(head.contains("\r\nupgrade: websocket\r\n"), head);
            assertTrue(head.contains("\r\nconnection: upgrade\r\n"), head);
            assertTrue(head.contains("\r\nsec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=\r\n"), head);
            assertTrue(head.contains("\r\nx-echo: yes\r\n"), head);
            assertTrue(!head.contains("content-length") && !head.contains("transfer-encoding"), head);
            // A masked text frame "Hi" comes back unmasked.
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'H' ^ 1, 'i' ^ 2});
            out.flush();
            assertArrayEquals(new byte[] {(byte) 0x81, 2, 'H', 'i'}, in.readNBytes(4));
            assertEquals("example.org", echo.handshakes.poll(5, TimeUnit.SECONDS).get("host"));
        }
    }

    @Test
    void aSilentTunnelIsClosedAfterTheEntrypointsIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port("quiet"))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(HANDSHAKE.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(readHead(socket.getInputStream()).startsWith("HTTP/1.1 101 "));
            long started = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited >= 900 && waited < 8000, "closed after " + waited + " ms");
        }
    }

    @Test
    void anUpstreamThatDoesNotSwitchAnswersAsUsual() {
        String response = RawHttp.exchange(port("web"), "GET /plain HTTP/1.1\r\nHost: example.org\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertTrue(response.contains("header:upgrade=[websocket]"), response);
        assertTrue(response.contains("header:sec-websocket-key=[dGhlIHNhbXBsZSBub25jZQ==]"), response);
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whole messages as they arrive (String, byte[]), then "closed CODE REASON", or the error. */
    private static final class Received implements WebSocket.Listener {
        private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        WebSocket socket;

        Object next() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            if (message instanceof Throwable error) {
                throw new AssertionError(error);
            }
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            messages.add("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            messages.add(error);
        }
    }
}
