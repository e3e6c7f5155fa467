package org.openvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte on a socket, so no client library normalises, encodes or refuses the request first
 * (a request line such as {@code G@T /}, a {@code Host} of the client's choosing, unencoded targets).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * One answer: its status (-1 when the server closed the connection without one), its head (status line and
     * headers) and its body (none for HEAD; read by Content-Length or chunked encoding, or to the end).
     */
    public record Response(int status, String head, String body) {

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            String wanted = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    return Optional.of(line.substring(wanted.length()).strip());
                }
            }
            return Optional.empty();
        }

        /** Head and body as they came. */
        public String text() {
            return head + body;
        }
    }

    /**
     * The status line and headers of {@code GET path} from 127.0.0.1:{@code port}, as sent (the hop-by-hop headers an
     * HTTP client hides, such as a draining server's {@code Connection: close}).
     */
    public static String head(int port, String path) {
        return exchange("http://127.0.0.1:" + port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").head();
    }

    /** {@code GET target} with a Host of 127.0.0.1 and Connection: close. */
    public static Response get(String baseUrl, String target) {
        return exchange(baseUrl, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as ISO-8859-1 bytes to the server of {@code baseUrl} and reads one answer. */
    public static Response exchange(String baseUrl, String request) {
        URI server = URI.create(baseUrl);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            if (head.length() < 12 || !head.startsWith("HTTP/1.")) {
                return new Response(-1, head, "");
            }
            Response answer = new Response(Integer.parseInt(head.substring(9, 12)), head, "");
            if (request.startsWith("HEAD ")) {
                return answer;
            }
            byte[] body;
            if (answer.header("Content-Length").isPresent()) {
                body = in.readNBytes(Integer.parseInt(answer.header("Content-Length").get()));
            } else if (answer.header("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")) {
                body = chunked(in);
            } else {
                body = in.readAllBytes();
            }
            return new Response(answer.status(), head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Byte by byte up to the blank line: the server keeps the socket open after answering, so no read to the end.
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int length = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (length == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
