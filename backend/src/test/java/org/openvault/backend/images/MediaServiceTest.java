package org.openvault.backend.images;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.testing.RawHttp;

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
            RawHttp.Response response = RawHttp.get(backend.baseUrl(), path);
            assertTrue(response.status() >= 400 && response.status() < 500, path + " -> " + response.text());
            assertFalse(response.text().contains("SECRET"), path + " leaked a file outside the media root");
        }
        assertEquals(400, backend.get("/media/%2e%2e/" + secretName).statusCode());
    }

    @Test
    void headAnswersWithoutABody() throws IOException {
        String response = RawHttp.exchange(backend.baseUrl(),
                "HEAD /media/original_images/real.png HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").text();
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.toLowerCase().contains("content-type: image/png"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "no body after the headers");
    }
}
