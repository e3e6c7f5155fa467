package org.openvault.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Request smuggling vectors sent on raw sockets to a plain and a TLS entrypoint, in front of an upstream that records exactly
 * what it receives. For each vector: the proxy rejects it (400, or the status named for it) or forwards it as
 * exactly the requests the client sent; the upstream never receives a request hidden in a body, never bytes it
 * cannot parse, and every answer the upstream gave reaches the client that asked, in order — checked again by a
 * second client right after each vector, whose answer must be its own.
 */
class RequestSmugglingTest {

    /** What a correct proxy does with a vector. */
    private enum Outcome { REJECTED, FORWARDED, EITHER }

    private record Vector(String name, String bytes, Outcome outcome, int forwards, Set<Integer> rejections, String body) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HOST = "Host: localhost\r\n";
    /** A request hidden in a body: the upstream must never receive it as a request. */
    private static final String HIDDEN = "GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String CHUNKED_HIDDEN = Integer.toHexString(HIDDEN.length()) + "\r\n" + HIDDEN + "\r\n0\r\n\r\n";
    private static final AtomicInteger FOLLOW_UPS = new AtomicInteger();

    @TempDir
    static Path directory;

    private static RecordingUpstream upstream;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = new RecordingUpstream();
        proxy = new TestProxy(directory, TestProxy.localConfig("""
                entrypoints:
                  web: {port: 0}
                  websecure: {port: 0, tls: true}
                  internal: {port: 0, internal: true}
                routers:
                  all: {rule: "PathPrefix(`/`)", service: recorder}
                services:
                  recorder: {servers: [URL], attempts: 1}
                """.replace("URL", upstream.url())));
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    static Stream<Arguments> vectors() {
        List<Vector> vectors = List.of(
                either("CL.TE: Content-Length covers a hidden request after the last chunk",
                        post("Content-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + HIDDEN)),
                either("TE.CL: a chunk holds a hidden request, Content-Length stops before it",
                        post("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", CHUNKED_HIDDEN)),
                either("CL.TE with Content-Length 0",
                        post("Transfer-Encoding: chunked\r\nContent-Length: 0\r\n", CHUNKED_HIDDEN)),
                rejected("Transfer-Encoding with a space before the colon",
                        post("Transfer-Encoding : chunked\r\nContent-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\n", "0\r\n\r\n" + HIDDEN)),
                rejected("Transfer-Encoding xchunked", 501,
                        post("Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n", "0\r\n\r\n")),
                rejected("Transfer-Encoding chunked, identity", 501,
                        post("Transfer-Encoding: chunked, identity\r\n", CHUNKED_HIDDEN)),
                rejected("Transfer-Encoding identity, chunked", 501,
                        post("Transfer-Encoding: identity, chunked\r\n", CHUNKED_HIDDEN)),
                forwarded("Transfer-Encoding after a tab", "hello",
                        post("Transfer-Encoding:\tchunked\r\n", "5\r\nhello\r\n0\r\n\r\n")),
                forwarded("Transfer-Encoding in capitals", "hello",
                        post("Transfer-Encoding: CHUNKED\r\n", "5\r\nhello\r\n0\r\n\r\n")),
                rejected("two Transfer-Encoding headers, the second unknown", 501,
                        post("Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n", CHUNKED_HIDDEN)),
                rejected("Transfer-Encoding folded onto the next line",
                        post("Transfer-Encoding:\r\n chunked\r\nContent-Length: " + CHUNKED_HIDDEN.length() + "\r\n", CHUNKED_HIDDEN)),
                either("an obs-fold line that reads as Transfer-Encoding",
                        post("X-Folded: a\r\n Transfer-Encoding: chunked\r\nContent-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\n", "0\r\n\r\n" + HIDDEN)),
                either("Transfer-Encoding in HTTP/1.0",
                        "POST /v HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + CHUNKED_HIDDEN),
                rejected("Transfer-Encoding after a vertical tab", 501,
                        post("Transfer-Encoding:\u000bchunked\r\nContent-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\n", "0\r\n\r\n" + HIDDEN)),
                rejected("Transfer-Encoding with a NUL",
                        post("Transfer-Encoding: chunked\u0000\r\n", CHUNKED_HIDDEN)),
                rejected("two different Content-Length headers",
                        post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!")),
                either("two equal Content-Length headers",
                        post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello")),
                either("Content-Length as a list of equal values",
                        post("Content-Length: 5, 5\r\n", "hello")),
                rejected("Content-Length with a plus sign", post("Content-Length: +5\r\n", "hello")),
                rejected("negative Content-Length", post("Content-Length: -5\r\n", "hello")),
                rejected("Content-Length in hex", post("Content-Length: 0x5\r\n", "hello")),
                rejected("Content-Length with a space inside", post("Content-Length: 5 0\r\n", "hello")),
                rejected("Content-Length past 64 bits", post("Content-Length: 184467440737095516165\r\n", "hello")),
                rejected("Content-Length with a space before the colon", post("Content-Length : 5\r\n", "hello")),
                rejected("empty Content-Length", post("Content-Length: \r\n", "hello")),
                rejected("header name with a space", post("Content Length: 5\r\n", "hello")),
                forwarded("Connection: Content-Length keeps the length", HIDDEN,
                        post("Connection: Content-Length\r\nContent-Length: " + HIDDEN.length() + "\r\n", HIDDEN)),
                forwarded("Connection: Transfer-Encoding keeps the chunked framing", HIDDEN,
                        post("Connection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n", CHUNKED_HIDDEN)),
                forwarded("Connection: close, Content-Length", HIDDEN,
                        post("Connection: close, Content-Length\r\nContent-Length: " + HIDDEN.length() + "\r\n", HIDDEN)),
                either("Connection: Host", post("Connection: Host\r\nContent-Length: 5\r\n", "hello")),
                either("bare LF line ends in the head",
                        "POST /v HTTP/1.1\nHost: localhost\nContent-Length: " + HIDDEN.length() + "\n\n" + HIDDEN),
                either("bare LF inside the header block hiding Transfer-Encoding",
                        post("X: a\nTransfer-Encoding: chunked\r\nContent-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\n", "0\r\n\r\n" + HIDDEN)),
                rejected("bare CR inside a header value hiding Transfer-Encoding",
                        post("X: a\rTransfer-Encoding: chunked\r\nContent-Length: " + ("0\r\n\r\n" + HIDDEN).length() + "\r\n", "0\r\n\r\n" + HIDDEN)),
                rejected("bare CR in the request line", "POST /v\r HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n"),
                rejected("NUL in a header value", post("X: a\u0000b\r\nContent-Length: 5\r\n", "hello")),
                rejected("NUL in a header name", post("X\u0000Y: a\r\nContent-Length: 5\r\n", "hello")),
                rejected("NUL in the request target", "GET /v\u0000x HTTP/1.1\r\n" + HOST + "\r\n"),
                rejected("chunk size past 64 bits", post("Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFFF1\r\nhello\r\n0\r\n\r\n")),
                rejected("chunk size that wraps to 5 in 64 bits",
                        post("Transfer-Encoding: chunked\r\n", "10000000000000005\r\nhello\r\n0\r\n\r\n")),
                rejected("chunk size with a plus sign", post("Transfer-Encoding: chunked\r\n", "+5\r\nhello\r\n0\r\n\r\n")),
                rejected("chunk size in 0x form", post("Transfer-Encoding: chunked\r\n", "0x5\r\nhello\r\n0\r\n\r\n")),
                rejected("chunk size ended by a bare LF", post("Transfer-Encoding: chunked\r\n", "5\nhello\r\n0\r\n\r\n")),
                rejected("chunk data ended by a bare LF", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\n0\r\n\r\n")),
                either("chunk data ended by two stray bytes", post("Transfer-Encoding: chunked\r\n", "5\r\nhelloXY0\r\n\r\n")),
                forwarded("chunk extension", "hello", post("Transfer-Encoding: chunked\r\n", "5;name=value\r\nhello\r\n0\r\n\r\n")),
                either("quoted chunk extension", post("Transfer-Encoding: chunked\r\n", "5;n=\"a b\"\r\nhello\r\n0;last\r\n\r\n")),
                rejected("chunk extension ended by a bare LF", post("Transfer-Encoding: chunked\r\n", "5;a\nhello\r\n0\r\n\r\n")),
                forwarded("trailer field", "hello", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nX-Trailer: v\r\n\r\n")),
                either("trailer line without a colon", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nno colon here\r\n\r\n")),
                either("trailer section holding a request line",
                        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n" + HIDDEN)),
                either("Content-Length as a trailer field",
                        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nContent-Length: 40\r\n\r\n")),
                forwarded("HTTP/1.0 keep-alive, then a second request", 2,
                        "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n"),
                either("HTTP/1.0 without keep-alive followed by more bytes",
                        "GET /a HTTP/1.0\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.0\r\n\r\n"),
                forwarded("pipelined GETs", 2, "GET /p1 HTTP/1.1\r\n" + HOST + "\r\nGET /p2 HTTP/1.1\r\n" + HOST + "\r\n"),
                forwarded("pipelined POST with a length, then GET", 2,
                        post("Content-Length: 5\r\n", "hello") + "GET /p2 HTTP/1.1\r\n" + HOST + "\r\n"),
                forwarded("pipelined chunked POST, then GET", 2,
                        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n") + "GET /p2 HTTP/1.1\r\n" + HOST + "\r\n"),
                forwarded("Expect: 100-continue with the body at once", "hello",
                        post("Expect: 100-continue\r\nContent-Length: 5\r\n", "hello")),
                either("Expect: 100-continue with both framings",
                        post("Expect: 100-continue\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n", CHUNKED_HIDDEN)),
                new Vector("unknown expectation", post("Expect: 200-ok\r\nContent-Length: 5\r\n", "hello"),
                        Outcome.EITHER, 1, Set.of(400, 417), null),
                either("GET with a body holding a request",
                        "GET /v HTTP/1.1\r\n" + HOST + "Content-Length: " + HIDDEN.length() + "\r\n\r\n" + HIDDEN),
                forwarded("an answer with Connection: Content-Length keeps its length", 1,
                        "GET /connection-content-length HTTP/1.1\r\n" + HOST + "\r\n"),
                forwarded("an answer with Content-Length beside chunked coding goes on with one framing", 1,
                        "GET /chunked-with-length HTTP/1.1\r\n" + HOST + "\r\n"),
                rejected("HTTP/1.1 without Host", "GET /v HTTP/1.1\r\nContent-Length: 0\r\n\r\n"),
                rejected("two Host headers", "GET /v HTTP/1.1\r\n" + HOST + "Host: other\r\n\r\n"),
                rejected("two spaces in the request line", "GET  /v HTTP/1.1\r\n" + HOST + "\r\n"),
                rejected("empty Transfer-Encoding", 501, post("Transfer-Encoding: \r\nContent-Length: 5\r\n", "hello")));
        List<Arguments> arguments = new ArrayList<>();
        // Over TLS too: there the bytes reach the parser through decrypted records.
        for (String entrypoint : List.of("web", "websecure")) {
            for (Vector vector : vectors) {
                arguments.add(Arguments.of(entrypoint, vector));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void eachVectorIsRejectedOrForwardedAsExactlyTheRequestsSent(String entrypoint, Vector vector) throws IOException {
        upstream.takeReceived();
        upstream.takeMalformed();
        List<Response> answers = exchange(entrypoint, vector.bytes());
        List<RecordingUpstream.Received> received = upstream.takeReceived();
        String report = vector.name() + "\nanswers: " + answers + "\nupstream: "
                + received.stream().map(r -> r.seq() + " " + r.method() + " " + r.target()).toList();

        assertEquals(List.of(), upstream.takeMalformed(), "the upstream received bytes it cannot parse: " + report);
        for (RecordingUpstream.Received r : received) {
            assertFalse(r.target().contains("smuggled"), "a hidden request reached the upstream: " + report);
        }
        for (Response answer : answers) {
            assertFalse(answer.header("content-length") != null && answer.header("transfer-encoding") != null,
                    "an answer with two framings: " + report);
            if (answer.header("x-seq") != null) {
                assertTrue(answer.body().startsWith("seq=" + answer.header("x-seq") + " "), "a cut or mixed body: " + report);
            }
        }
        // Every answer the upstream gave went to this client, in the order of the requests.
        List<Integer> seqsAnswered = answers.stream().filter(a -> a.header("x-seq") != null)
                .map(a -> Integer.parseInt(a.header("x-seq"))).toList();
        assertEquals(received.stream().map(RecordingUpstream.Received::seq).toList(), seqsAnswered, report);

        boolean rejected = received.isEmpty() && !answers.isEmpty() && vector.rejections().contains(answers.getFirst().status());
        boolean forwarded = received.size() == vector.forwards()
                && answers.stream().filter(a -> a.header("x-seq") != null).allMatch(a -> a.status() == 200);
        switch (vector.outcome()) {
            case REJECTED -> assertTrue(rejected, "expected a rejection: " + report);
            case FORWARDED -> assertTrue(forwarded, "expected " + vector.forwards() + " forwarded: " + report);
            case EITHER -> assertTrue(rejected || forwarded, "neither rejected nor forwarded once: " + report);
        }
        if (forwarded && vector.body() != null) {
            assertEquals(vector.body(), new String(received.getFirst().body(), StandardCharsets.ISO_8859_1), report);
        }
        followUpGetsItsOwnAnswer(entrypoint, report);
    }

    /** A second client right after: its answer is the one to its own request (no answer left over in a pooled connection). */
    private static void followUpGetsItsOwnAnswer(String entrypoint, String report) throws IOException {
        String path = "/follow-up-" + FOLLOW_UPS.incrementAndGet();
        List<Response> answers = exchange(entrypoint, "GET " + path + " HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
        List<RecordingUpstream.Received> received = upstream.takeReceived();
        assertEquals(1, answers.size(), "follow-up after " + report + "\nfollow-up answers: " + answers);
        assertEquals(1, received.size(), "follow-up after " + report);
        assertEquals(path, received.getFirst().target(), "follow-up after " + report);
        assertTrue(answers.getFirst().body().contains("target=" + path), "follow-up after " + report + ": " + answers);
    }

    private static Vector rejected(String name, String bytes) {
        return new Vector(name, bytes, Outcome.REJECTED, 1, Set.of(400), null);
    }

    private static Vector rejected(String name, int alsoAccepted, String bytes) {
        return new Vector(name, bytes, Outcome.REJECTED, 1, Set.of(400, alsoAccepted), null);
    }

    private static Vector either(String name, String bytes) {
        return new Vector(name, bytes, Outcome.EITHER, 1, Set.of(400, 501), null);
    }

    private static Vector forwarded(String name, String body, String bytes) {
        return new Vector(name, bytes, Outcome.FORWARDED, 1, Set.of(), body);
    }

    private static Vector forwarded(String name, int requests, String bytes) {
        return new Vector(name, bytes, Outcome.FORWARDED, requests, Set.of(), null);
    }

    private static String post(String headers, String body) {
        return "POST /v HTTP/1.1\r\n" + HOST + headers + "\r\n" + body;
    }

    /** One answer as the client read it. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return status + (headers.containsKey("x-seq") ? " seq " + headers.get("x-seq") : "");
        }
    }

    /** Sends the bytes and reads every answer until the proxy closes or stays quiet; 100 Continue is left out. */
    private static List<Response> exchange(String entrypoint, String bytes) throws IOException {
        List<Response> answers = new ArrayList<>();
        int port = proxy.proxy.port(entrypoint);
        try (Socket socket = entrypoint.equals("websecure")
                ? proxy.https.sslContext().getSocketFactory().createSocket("localhost", port)
                : new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                Response response;
                try {
                    response = read(in);
                } catch (SocketTimeoutException e) {
                    if (answers.isEmpty()) {
                        fail("no answer within 5 s to " + bytes);
                    }
                    return answers;
                } catch (java.net.SocketException e) {
                    return answers;
                }
                if (response == null) {
                    return answers;
                }
                if (response.status() != 100) {
                    answers.add(response);
                }
                socket.setSoTimeout(400);
            }
        }
    }

    /** One response (null at end of stream before it). */
    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        if (status == 100 || status == 204 || status == 304) {
            return new Response(status, headers, "");
        }
        String body;
        if (headers.containsKey("content-length")) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.ISO_8859_1);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                data.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
            body = data.toString(StandardCharsets.ISO_8859_1);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
