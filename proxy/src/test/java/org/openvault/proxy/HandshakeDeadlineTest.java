package org.openvault.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS connection must finish its handshake and its first request head within the header timeout counted
 * from accept, not the (much longer) idle timeout: a stalled handshake holds buffers and a connection slot.
 */
class HandshakeDeadlineTest {

    @TempDir
    static Path directory;

    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  websecure: {port: 0, tls: true, header-timeout: 400ms, idle-timeout: 1m}
                  internal: {port: 0, internal: true}
                routers:
                  all: {rule: "PathPrefix(`/`)"}
                """));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void aHandshakeStalledAfterOneByteIsCutAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port("websecure"))) {
            // The first byte of a TLS record (handshake), then nothing.
            socket.getOutputStream().write(0x16);
            assertClosedWithin(socket, 3_000);
        }
    }

    @Test
    void aSilentConnectionIsCutAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port("websecure"))) {
            assertClosedWithin(socket, 3_000);
        }
    }

    @Test
    void aCompletedHandshakeWithoutARequestIsCutAtTheHeaderTimeout() throws IOException {
        try (SSLSocket socket = (SSLSocket) proxy.https.sslContext().getSocketFactory()
                .createSocket("localhost", proxy.proxy.port("websecure"))) {
            socket.startHandshake();
            assertClosedWithin(socket, 3_000);
        }
    }

    private static void assertClosedWithin(Socket socket, int millis) throws IOException {
        long started = System.nanoTime();
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            int b;
            do {
                b = in.read();
            } while (b >= 0 && b != -1 && !(socket instanceof SSLSocket));
            if (socket instanceof SSLSocket) {
                assertEquals(-1, b, "the proxy sent application data unasked");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + millis + " ms", e);
        } catch (SocketException e) {
            // reset: closed as well
        }
        assertTrue(System.nanoTime() - started < millis * 1_000_000L);
    }
}
