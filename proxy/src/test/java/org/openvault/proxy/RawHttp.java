package org.openvault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests written byte by byte on a plain socket, for what HTTP clients refuse to send (Connection headers, garbage). */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} and answers everything the server sent until it closed (or 10 s of silence). */
    static String exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} and answers the response head only (status line and headers). */
    static String head(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = socket.getInputStream().read()) >= 0) {
                out.write(b);
                if (out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response: its head, then a Content-Length body, a chunked body, or everything until close. */
    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    java.util.regex.Matcher length = java.util.regex.Pattern
                            .compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
                    if (length.find()) {
                        out.write(in.readNBytes(Integer.parseInt(length.group(1))));
                        return out.toString(StandardCharsets.ISO_8859_1);
                    }
                    boolean chunked = text.toLowerCase().contains("transfer-encoding: chunked");
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                        if (chunked && out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                            break;
                        }
                    }
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // reset by the server after its answer: what was read is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** A port on which nothing listens (bound, then released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts the server closes {@code socket} (or resets it) within {@code millis}; {@code silent}: it must send
     * nothing before (on a TLS socket: no application data), else whatever it answers first is read and ignored.
     */
    static void assertClosedWithin(Socket socket, int millis, boolean silent) throws IOException {
        long started = System.nanoTime();
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            int b;
            do {
                b = in.read();
            } while (b >= 0 && !silent);
            org.junit.jupiter.api.Assertions.assertEquals(-1, b, "the server sent data unasked");
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("still open after " + millis + " ms", e);
        } catch (java.net.SocketException e) {
            // reset: closed as well
        }
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - started < millis * 1_000_000L);
    }
}
