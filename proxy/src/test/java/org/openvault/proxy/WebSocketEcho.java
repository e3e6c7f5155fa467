package org.openvault.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal RFC 6455 WebSocket server for the tests: every data frame comes back as it was sent (unmasked); a
 * close frame is answered with the same close and the connection closed. On {@code /bye} it closes by itself
 * (1000 "bye") after the first message. It keeps each handshake's request head and each close it received.
 */
final class WebSocketEcho implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final BlockingQueue<Map<String, String>> handshakes = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closesReceived = new LinkedBlockingQueue<>();
    private final ServerSocket server;

    WebSocketEcho() throws IOException {
        this(0);
    }

    private WebSocketEcho(int port) throws IOException {
        server = new ServerSocket(port, 1024, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(this::accept);
    }

    /** Serves on the port {@code args[0]} until stopped: the echo upstream of bench/proxy-protocols.sh. */
    public static void main(String[] args) throws Exception {
        try (WebSocketEcho echo = new WebSocketEcho(Integer.parseInt(args[0]))) {
            Thread.currentThread().join();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Map<String, String> head = readHead(in);
            handshakes.add(head);
            String key = head.get("sec-websocket-key");
            if (key == null || !head.getOrDefault("upgrade", "").equalsIgnoreCase("websocket")) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\nX-Echo: yes\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            boolean byeAfterFirst = head.get(":path").startsWith("/bye");
            DataInputStream frames = new DataInputStream(in);
            while (true) {
                int first = frames.read();
                if (first < 0) {
                    return;
                }
                int second = frames.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = frames.readUnsignedShort();
                } else if (length == 127) {
                    length = frames.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    frames.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                frames.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0F;
                if (opcode == 8) {
                    closesReceived.add(closeText(payload));
                    writeFrame(out, first, payload);
                    return;
                }
                writeFrame(out, opcode == 9 ? (first & 0xF0) | 10 : first, payload);
                if (byeAfterFirst && (first & 0x80) != 0) {
                    byte[] bye = "\u0003\u00e8bye".getBytes(StandardCharsets.ISO_8859_1);
                    writeFrame(out, 0x88, bye);
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    private static String closeText(byte[] payload) {
        if (payload.length < 2) {
            return "";
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    private static void writeFrame(OutputStream out, int first, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The request line as ":method"/":path" and the headers by lower-case name (repeated ones joined by ", "). */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        Map<String, String> head = new LinkedHashMap<>();
        String requestLine = line(in);
        String[] parts = requestLine.split(" ");
        head.put(":method", parts[0]);
        head.put(":path", parts.length > 1 ? parts[1] : "");
        String line;
        while (!(line = line(in)).isEmpty()) {
            int colon = line.indexOf(':');
            head.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return head;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
