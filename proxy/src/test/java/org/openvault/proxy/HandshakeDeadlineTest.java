package org.openvault.proxy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


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
            RawHttp.assertClosedWithin(socket, 3_000, false);
        }
    }

    @Test
    void aSilentConnectionIsCutAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.proxy.port("websecure"))) {
            RawHttp.assertClosedWithin(socket, 3_000, false);
        }
    }

    @Test
    void aCompletedHandshakeWithoutARequestIsCutAtTheHeaderTimeout() throws IOException {
        try (SSLSocket socket = (SSLSocket) proxy.https.sslContext().getSocketFactory()
                .createSocket("localhost", proxy.proxy.port("websecure"))) {
            socket.startHandshake();
            RawHttp.assertClosedWithin(socket, 3_000, true);
        }
    }
}
