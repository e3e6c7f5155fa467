package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /media/: files from the storage root with the right headers, and nothing from outside it. */
class MediaServiceTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static byte[] original;

    @BeforeAll
    static void writeMediaFiles() throws IOException {
        TestImages images = new TestImages(backend.db(), backend.mediaRoot());
        images.create("Served", 40, 30, "png", 20, 15, 4, null);
        try (var files = Files.list(backend.mediaRoot().resolve("original_images"))) {
            original = Files.readAllBytes(files.findFirst().orElseThrow());
        }
        Files.write(backend.mediaRoot().resolve("original_images/real.png"), original);
        // A file beside the root that no request may reach.
        Files.writeString(backend.mediaRoot().getParent().resolve(backend.mediaRoot().getFileName() + "-secret.txt"),
                "SECRET");
        Files.writeString(backend.mediaRoot().resolve(".hidden"), "SECRET");
    }

    @AfterAll
    static void deleteTheFileOutsideTheRoot() throws IOException {
        Files.deleteIfExists(backend.mediaRoot().getParent().resolve(backend.mediaRoot().getFileName() + "-secret.txt"));
    }

    @Test
    void servesAStoredFileWithTypeLengthAndLongCaching() {
        HttpResponse<byte[]> response = backend.getBytes("/media/original_images/real.png");
        assertEquals(200, response.statusCode());
        assertArrayEquals(original, response.body());
        assertEquals("image/png", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(String.valueOf(original.length), response.headers().firstValue("content-length").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("cache-control").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElseThrow());
    }

    @Test
    void missingFileIs404() {
        HttpResponse<String> response = backend.get("/media/original_images/nope.jpg");
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"not found\"}", response.body());
        assertEquals(404, backend.get("/media/images/nope.2e16d0ba.fill-10x10.jpg").statusCode());
    }

    @Test
    void pathsThatCouldLeaveTheRootAreRefused() throws IOException {
        String secretName = backend.mediaRoot().getFileName() + "-secret.txt";
        for (String path : new String[] {
                "/media/../" + secretName,
                "/media/%2e%2e/" + secretName,
                "/media/%2E%2E%2F" + secretName,
                "/media/original_images/..%2F..%2F" + secretName,
                "/media/.hidden",
                "/media/original_images/%00.png",
                "/media/original_images\\real.png",
                "/media/",
        }) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(response.substring(9, 12));
            assertTrue(status >= 400 && status < 500, path + " -> " + response);
            assertFalse(response.contains("SECRET"), path + " leaked a file outside the media root");
        }
        assertEquals(400, backend.get("/media/%2e%2e/" + secretName).statusCode());
    }

    @Test
    void headAnswersWithoutABody() throws IOException {
        String response = raw("HEAD /media/original_images/real.png HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.toLowerCase().contains("content-type: image/png"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "no body after the headers");
    }

    /** Sends a request byte for byte, so no client library normalises the path first. */
    private static String raw(String request) throws IOException {
        int port = Integer.parseInt(backend.baseUrl().substring(backend.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            int contentLength = -1;
            int c;
            while ((c = in.read()) >= 0) {
                response.append((char) c);
                if (response.toString().endsWith("\r\n\r\n")) {
                    for (String line : response.toString().split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            contentLength = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    break;
                }
            }
            if (!request.startsWith("HEAD") && contentLength > 0) {
                response.append(new String(in.readNBytes(contentLength), StandardCharsets.ISO_8859_1));
            }
            return response.toString();
        }
    }

}
