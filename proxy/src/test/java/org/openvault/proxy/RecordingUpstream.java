package org.openvault.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a raw socket that parses what it receives strictly (CRLF only, one framing, exact chunked
 * coding) and records every request, and every byte sequence it could not take for a request. Each request is
 * answered at once, keep-alive, with its sequence number in {@code X-Seq} and its target in the body, so a
 * client that receives an answer can tell which request the upstream saw.
 */
final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream parsed it. */
    record Received(int seq, int connection, String method, String target, List<String> headers, byte[] body) {

        String header(String name) {
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();

    RecordingUpstream() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Everything recorded since the last call, forgotten then. */
    synchronized List<Received> takeReceived() {
        List<Received> taken = List.copyOf(received);
        received.clear();
        return taken;
    }

    synchronized List<String> takeMalformed() {
        List<String> taken = List.copyOf(malformed);
        malformed.clear();
        return taken;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int connection = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Received request;
                try {
                    request = read(in, connection);
                } catch (EOFException e) {
                    return;
                } catch (IllegalStateException e) {
                    synchronized (this) {
                        malformed.add(e.getMessage());
                    }
                    return;
                }
                synchronized (this) {
                    received.add(request);
                }
                byte[] body = ("seq=" + request.seq() + " target=" + request.target() + "\n").getBytes(StandardCharsets.US_ASCII);
                // A target naming it gets its answer with Connection listing Content-Length (its framing all the same).
                String connectionHeader = request.target().contains("connection-content-length")
                        ? "Connection: Content-Length\r\n" : "";
                if (request.target().contains("chunked-with-length")) {
                    // Both framings, Content-Length wrong: the chunked coding is the one that counts.
                    out.write(("HTTP/1.1 200 OK\r\nX-Seq: " + request.seq() + "\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length)
                            + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                out.write(("HTTP/1.1 200 OK\r\nX-Seq: " + request.seq() + "\r\n" + connectionHeader
                        + "Content-Type: text/plain\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (!request.method().equals("HEAD")) {
                    out.write(body);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }

    /** The next request; EOF before its first byte ends the connection, anything that breaks the grammar is malformed. */
    private Received read(InputStream in, int connection) throws IOException {
        String requestLine = line(in, true);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !parts[2].equals("HTTP/1.1") || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalStateException("bad request line: " + requestLine);
        }
        List<String> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        int hosts = 0;
        for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.substring(0, colon).contains(" ")) {
                throw new IllegalStateException("bad header line: " + line);
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.add(line);
            switch (name) {
                case "content-length" -> {
                    if (length >= 0 || !value.matches("[0-9]{1,15}")) {
                        throw new IllegalStateException("bad or repeated Content-Length: " + value);
                    }
                    length = Long.parseLong(value);
                }
                case "transfer-encoding" -> {
                    if (chunked || !value.equalsIgnoreCase("chunked")) {
                        throw new IllegalStateException("bad Transfer-Encoding: " + value);
                    }
                    chunked = true;
                }
                case "host" -> hosts++;
                default -> { }
            }
        }
        if (chunked && length >= 0) {
            throw new IllegalStateException("both Content-Length and Transfer-Encoding");
        }
        if (hosts != 1) {
            throw new IllegalStateException(hosts + " Host headers");
        }
        byte[] body = chunked ? chunkedBody(in) : in.readNBytes((int) Math.max(0, length));
        if (length > 0 && body.length < length) {
            throw new EOFException("body cut short");
        }
        return new Received(seq.incrementAndGet(), connection, parts[0], parts[1], headers, body);
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, false);
            String size = sizeLine.contains(";") ? sizeLine.substring(0, sizeLine.indexOf(';')) : sizeLine;
            if (!size.matches("[0-9a-fA-F]{1,8}")) {
                throw new IllegalStateException("bad chunk size line: " + sizeLine);
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                for (String trailer = line(in, false); !trailer.isEmpty(); trailer = line(in, false)) {
                    if (trailer.indexOf(':') <= 0) {
                        throw new IllegalStateException("bad trailer: " + trailer);
                    }
                }
                return body.toByteArray();
            }
            byte[] data = in.readNBytes(n);
            if (data.length < n) {
                throw new EOFException("chunk cut short");
            }
            body.write(data);
            if (!line(in, false).isEmpty()) {
                throw new IllegalStateException("chunk data longer than its size");
            }
        }
    }

    /** A line ended by CRLF; a bare CR or LF, or a control byte, is malformed. */
    private static String line(InputStream in, boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.isEmpty()) {
                    throw new EOFException();
                }
                throw new EOFException("cut inside a line: " + line);
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IllegalStateException("bare CR after: " + line);
                }
                return line.toString();
            }
            if (b == '\n') {
                throw new IllegalStateException("bare LF after: " + line);
            }
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new IllegalStateException("control byte " + b + " after: " + line);
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
