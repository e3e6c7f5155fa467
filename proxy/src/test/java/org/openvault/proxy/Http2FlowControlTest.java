package org.openvault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.engine.eventloop.http2.Frames;
import org.openvault.proxy.engine.eventloop.http2.Http2Error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies over HTTP/2, watched frame by frame: the windows the proxy grants are large enough for fast uploads
 * and come back in steps rather than per frame, and what the proxy holds stays within them — per stream, per
 * connection, and when the upstream stops reading.
 */
class Http2FlowControlTest {

    /** The request body bytes the proxy holds per connection at most (its connection window). */
    private static final int CONNECTION_BUDGET = 1 << 20;

    @TempDir
    static Path directory;

    private static Upstream echo;
    /** An upstream that reads a request's head, then nothing more until {@link #reading} is counted down. */
    private static ServerSocket stalling;
    private static final CountDownLatch reading = new CountDownLatch(1);
    /** An upstream whose accept queue is full: connections to it stay pending, so no request body leaves the proxy. */
    private static ServerSocket parked;
    private static final List<Socket> queued = new ArrayList<>();
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        echo = new Upstream("echo");
        stalling = new ServerSocket();
        stalling.setReceiveBufferSize(16 * 1024);
        stalling.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(Http2FlowControlTest::readAfterRelease);
        parked = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 2; i++) {
            // The kernel takes backlog + 1 connections without accept(); later ones wait for their handshake.
            queued.add(new Socket(parked.getInetAddress(), parked.getLocalPort()));
        }
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  websecure: {port: 0, tls: true}
                routers:
                  echo: {rule: "PathPrefix(`/`)", service: echo}
                  stalling: {rule: "PathPrefix(`/stalling`)", service: stalling, priority: 1000}
                  parked: {rule: "PathPrefix(`/parked`)", service: parked, priority: 1000}
                services:
                  echo: {servers: [ECHO]}
                  stalling: {servers: [STALLING], attempts: 1}
                  parked: {servers: [PARKED], attempts: 1, connect-timeout: 60s}
                """.replace("ECHO", echo.url())
                .replace("STALLING", "http://127.0.0.1:" + stalling.getLocalPort())
                .replace("PARKED", "http://127.0.0.1:" + parked.getLocalPort())));
    }

    /** One request: its head, then (once released) its body by its Content-Length, answered with its size and CRC-32. */
    private static void readAfterRelease() {
        try (Socket socket = stalling.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && !head.append((char) b).toString().endsWith("\r\n\r\n")) {
                // reading the request head
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            int at = lower.indexOf("content-length: ") + "content-length: ".length();
            long length = Long.parseLong(lower.substring(at, lower.indexOf('\r', at)));
            reading.await(60, TimeUnit.SECONDS);
            byte[] buffer = new byte[65536];
            long received = 0;
            CRC32 crc = new CRC32();
            for (int n; received < length && (n = in.read(buffer)) >= 0; ) {
                received += n;
                crc.update(buffer, 0, n);
            }
            String body = "body-bytes=" + received + "\nbody-crc32=" + crc.getValue() + "\n";
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException e) {
            // closed at the end of the test
        }
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        echo.close();
        stalling.close();
        for (Socket socket : queued) {
            socket.close();
        }
        parked.close();
    }

    private static RawHttp2 client() throws IOException {
        return new RawHttp2(proxy.https, proxy.proxy.port("websecure"));
    }

    private static void post(RawHttp2 client, int streamId, String path, long length) throws IOException {
        client.headers(streamId, false, ":method", "POST", ":scheme", "https", ":authority", "localhost", ":path", path,
                "content-length", Long.toString(length));
    }

    /** The upstream's answer to a body of {@code length} bytes from {@link RawHttp2}: 200, every byte as sent. */
    private static void assertWholeBody(String answer, long length) {
        assertTrue(answer.startsWith("200\n"), answer);
        assertTrue(answer.contains("body-bytes=" + length + "\nbody-crc32=" + RawHttp2.bodyCrc(length) + "\n"), answer);
    }

    @Test
    void smallFramesGetTheWindowBackInLargeStepsAndTheWholeBodyArrives() throws Exception {
        try (RawHttp2 client = client()) {
            int length = 3 << 20;
            post(client, 1, "/upload", length);
            // Frames of 1,000 bytes: a grant per frame would keep the client's frames that small.
            assertEquals(length, client.upload(1, length, 1000, 30_000));
            String answer = client.answer(1);
            assertWholeBody(answer, length);
            List<Integer> grants = client.grants.get(1);
            int smallest = grants.stream().mapToInt(Integer::intValue).min().orElseThrow();
            assertTrue(grants.size() >= 10 && smallest >= 16 * 1024, grants.size() + " grants, the smallest " + smallest);
        }
    }

    @Test
    void anUpstreamThatStopsReadingStopsTheClientUntilItReadsAgain() throws Exception {
        try (RawHttp2 client = client()) {
            long length = 64L << 20;
            post(client, 1, "/stalling", length);
            long sent = client.upload(1, length, 16 * 1024, 2_000);
            // What the sockets to the upstream take (a few MB in the kernel), and a stream window in the proxy.
            assertTrue(sent < 16L << 20, "sent before the proxy stopped granting: " + sent);
            reading.countDown();
            assertEquals(length - sent, client.upload(1, length - sent, 16 * 1024, 30_000));
            String answer = client.answer(1);
            assertWholeBody(answer, length);
        }
    }

    @Test
    void theStreamsOfAConnectionHoldNoMoreThanItsWindowAndGiveItBackWhenReset() throws Exception {
        try (RawHttp2 client = client()) {
            List<Integer> streams = new ArrayList<>();
            for (int stream = 1; stream <= 39; stream += 2) {
                post(client, stream, "/parked", 1 << 20);
                streams.add(stream);
            }
            // Bodies for 20 streams whose upstream connections stay pending: all of them stay in the proxy.
            long first = 0;
            long sent = 0;
            for (long round = -1; round != sent; ) {
                round = sent;
                client.roundTrip();
                for (int stream : streams) {
                    for (long room; (room = client.sendable(stream)) > 0; ) {
                        int size = (int) Math.min(room, 16 * 1024);
                        client.data(stream, size, false);
                        sent += size;
                        first += stream == 1 ? size : 0;
                    }
                }
            }
            assertEquals(CONNECTION_BUDGET, sent);
            assertTrue(first > Frames.DEFAULT_WINDOW, "a stream's window is larger than the default: " + first);
            for (int stream : streams) {
                client.rstStream(stream, Http2Error.CANCEL);
            }
            // The bodies dropped with their streams give the connection's window back.
            int length = 2 * CONNECTION_BUDGET;
            post(client, 41, "/upload", length);
            assertEquals(length, client.upload(41, length, 16 * 1024, 10_000));
            String answer = client.answer(41);
            assertWholeBody(answer, length);
        }
    }
}
