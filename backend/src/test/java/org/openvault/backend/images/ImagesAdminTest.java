package org.openvault.backend.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Role;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image library through the admin API over HTTP: uploads of real JPEG, PNG and GIF files (type told by content),
 * refusals (415, 413, 422 with pointers) that store nothing, roles, edits that the public API shows at once (a moved
 * focal point gives new renditions), and deletes refused while the image is used.
 */
public class ImagesAdminTest {

    private static final String BOUNDARY = "----ov-test-boundary-7MA4YWxkTrZu0gW";

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    static String editorToken;
    static String moderatorToken;
    static AdminApi editor;
    static AdminApi moderator;
    static final Set<Integer> uploaded = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void accounts() {
        editorToken = AdminFixture.tokenFor(backend.db(), "imagesadmin-editor", Role.EDITOR);
        moderatorToken = AdminFixture.tokenFor(backend.db(), "imagesadmin-moderator", Role.MODERATOR);
        editor = new AdminApi(backend, editorToken);
        moderator = new AdminApi(backend, moderatorToken);
    }

    @AfterAll
    static void deleteWhatThisClassMade() {
        backend.db().execute("DELETE FROM page WHERE slug LIKE 'images-admin-%'",
                "DELETE FROM author WHERE name LIKE 'Images Admin %'");
        for (int id : uploaded) {
            backend.db().execute("DELETE FROM image WHERE id = " + id);
        }
    }

    // ---- uploads ----

    @Test
    void uploadsJpegPngAndGifUnderRandomNamesWithTheirSizeAndHash() throws Exception {
        for (String format : List.of("png", "jpeg", "gif")) {
            byte[] bytes = drawn(format, 320, 200);
            // The name and the part's Content-Type say nothing true: only the content counts.
            HttpResponse<String> response = upload(backend, editorToken,
                    filePart("Sunset at the pier " + format + ".bin", "application/octet-stream", bytes));
            JsonNode image = created(response);
            int id = image.get("id").asInt();
            assertEquals("/api/admin/v1/images/" + id, response.headers().firstValue("Location").orElseThrow());
            assertEquals("Sunset at the pier " + format, image.get("title").asText(), "title from the file name");
            assertEquals("", image.get("description").asText());
            assertEquals(320, image.get("width").asInt());
            assertEquals(200, image.get("height").asInt());
            assertEquals(bytes.length, image.get("file_size").asInt());
            assertTrue(image.get("focal_point").isNull());
            assertTrue(image.get("usage").isArray() && image.get("usage").isEmpty());
            assertTrue(image.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
            String extension = format.equals("jpeg") ? "jpg" : format;
            String url = image.get("url").asText();
            assertTrue(url.matches("/media/original_images/[0-9a-f]{32}\\." + extension), url);

            String file = url.substring("/media/".length());
            Path stored = backend.mediaRoot().resolve(file);
            assertArrayEquals(bytes, Files.readAllBytes(stored), "stored as sent");
            assertEquals(file, text("SELECT file FROM image WHERE id = " + id));
            assertEquals(sha1(bytes), text("SELECT file_hash FROM image WHERE id = " + id));
            assertEquals(bytes.length, backend.db().queryLong("SELECT file_size FROM image WHERE id = " + id));
            assertEquals(1, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'image.upload'"
                    + " AND object_id = '" + id + "' AND username = 'imagesadmin-editor'"));
            HttpResponse<byte[]> served = backend.getBytes(url);
            assertEquals(200, served.statusCode());
            assertArrayEquals(bytes, served.body());
        }
    }

    @Test
    void titleAndDescriptionPartsAreStoredAndChecked() {
        byte[] bytes = drawn("png", 40, 30);
        JsonNode image = created(upload(backend, editorToken, filePart("ignored.png", "image/png", bytes),
                textPart("title", "  Images Admin studio  "), textPart("description", "Studio A, lights on")));
        assertEquals("Images Admin studio", image.get("title").asText());
        assertEquals("Studio A, lights on", image.get("description").asText());
        JsonNode shown = AdminApi.json(editor.get("/images/" + image.get("id").asInt()), 200);
        assertEquals("Studio A, lights on", shown.get("description").asText());

        JsonNode untitled = created(upload(backend, editorToken, filePart(".png", "image/png", bytes)));
        assertEquals("Untitled", untitled.get("title").asText());

        long images = count("image");
        JsonNode problem = AdminApi.problem(upload(backend, editorToken, filePart("a.png", "image/png", bytes),
                textPart("title", "t".repeat(256)), textPart("description", "d".repeat(1001)),
                textPart("colour", "red")), 422, "validation_failed");
        assertEquals(List.of("too_long"), AdminApi.errorCodes(problem, "/title"));
        assertEquals(List.of("too_long"), AdminApi.errorCodes(problem, "/description"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(problem, "/colour"));
        JsonNode noFile = AdminApi.problem(upload(backend, editorToken, textPart("title", "No file")), 422,
                "validation_failed");
        assertEquals(List.of("required"), AdminApi.errorCodes(noFile, "/file"));
        HttpResponse<String> nul = upload(backend, editorToken, filePart("a.png", "image/png", bytes),
                textPart("title", "Nul\u0000 title"));
        assertEquals(422, nul.statusCode(), "a value PostgreSQL cannot store is the request's fault: " + nul.body());
        assertEquals(images, count("image"), "nothing stored");
    }

    @Test
    void onlyJpegPngGifAndWebpAreAcceptedJudgedByContent() throws IOException {
        long images = count("image");
        long files = storedOriginals();
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] text = "just some words, not an image\n".getBytes(StandardCharsets.UTF_8);
        byte[] riffNotWebp = "RIFF\u0016\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bytes : List.of(svg, text, riffNotWebp)) {
            JsonNode problem = AdminApi.problem(upload(backend, editorToken, filePart("photo.png", "image/png", bytes)),
                    415, "unsupported_image_type");
            assertTrue(problem.get("detail").asText().contains("JPEG, PNG"), problem.toString());
        }
        HttpResponse<String> notMultipart = backend.send(request(editorToken, "image/png",
                HttpRequest.BodyPublishers.ofByteArray(drawn("png", 10, 10))));
        AdminApi.problem(notMultipart, 415, "unsupported_media_type");
        assertEquals(images, count("image"), "no row");
        assertEquals(files, storedOriginals(), "no file");
    }

    @Test
    void aWebpUploadGetsRenditionsLikeAnyOtherImage() {
        JsonNode image = created(upload(backend, editorToken, filePart("Images Admin gradient.webp", "image/webp",
                java.util.Base64.getDecoder().decode(WEBP_64_BY_48))));
        assertEquals(64, image.get("width").asInt());
        assertEquals(48, image.get("height").asInt());
        assertTrue(image.get("url").asText().endsWith(".webp"), image.get("url").asText());
        JsonNode page = publishedExhibit("images-admin-webp", image.get("id").asInt());
        JsonNode detail = backend.getJson("/api/v2/exhibits/" + page.get("id").asInt() + "/");
        String cover = detail.at("/cover_image/url").asText();
        assertTrue(cover.endsWith(".jpg"), "an opaque WebP renders as JPEG: " + cover);
        HttpResponse<byte[]> file = backend.getBytes(cover);
        assertEquals(200, file.statusCode());
        assertEquals("image/jpeg", file.headers().firstValue("Content-Type").orElse(""));
    }

    /** A 64×48 lossy WebP made with cwebp (libwebp) from a gradient. */
    private static final String WEBP_64_BY_48 = "UklGRv4AAABXRUJQVlA4IPIAAABwCACdASpAADAAPm0ukkWvLyGYDVQA8AbEszVzVYB3029P38ZTcjp9U4B59i6DIU7inlR5QZZCwBpSyZ//m7SduO68P8M7T1SaW3zwAP79XpzfBCznNQ0P/5v3sM9Hc5tYo3hWF1JyrxKMa1/EUR0tRVl7F/tNphs31tzDhtv2iG7fnbDu3sT1rCnqecQVBVbZhehSbHx4jN1WcIcUTbkfzbV941GWHyZjro/a462zjtf+Q4jlncSilBA9IsBfr3i/pap6w26S3Cb9YIJVfH7n33LpQFbYiXDkCBUxJU42U+f8s9lxPXXqcWBlvgiA27sAAA==";

    @Test
    void pixelBombsAndCorruptFilesAre422AtFile() throws IOException {
        long images = count("image");
        long files = storedOriginals();
        JsonNode bomb = AdminApi.problem(upload(backend, editorToken,
                filePart("bomb.png", "image/png", pngHeaderClaiming(100_000, 100_000))), 422, "validation_failed");
        assertEquals(List.of("too_many_pixels"), AdminApi.errorCodes(bomb, "/file"));
        assertTrue(bomb.at("/errors/0/detail").asText().contains("100000×100000"), bomb.toString());

        byte[] png = drawn("png", 200, 200);
        byte[] truncated = java.util.Arrays.copyOf(png, 60); // the header survives, the pixels do not
        JsonNode corrupt = AdminApi.problem(upload(backend, editorToken, filePart("broken.png", "image/png", truncated)),
                422, "validation_failed");
        assertEquals(List.of("unreadable_image"), AdminApi.errorCodes(corrupt, "/file"));
        byte[] garbage = new byte[500];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xff;
        garbage[1] = (byte) 0xd8;
        garbage[2] = (byte) 0xff;
        JsonNode notJpeg = AdminApi.problem(upload(backend, editorToken, filePart("x.jpg", "image/jpeg", garbage)),
                422, "validation_failed");
        assertEquals(List.of("unreadable_image"), AdminApi.errorCodes(notJpeg, "/file"));
        JsonNode empty = AdminApi.problem(upload(backend, editorToken, filePart("x.jpg", "image/jpeg", new byte[0])),
                422, "validation_failed");
        assertEquals(List.of("empty"), AdminApi.errorCodes(empty, "/file"));
        assertEquals(images, count("image"));
        assertEquals(files, storedOriginals());
    }

    @Test
    void filesOverTheLimitAre413WhetherOrNotTheLengthIsAnnounced() throws IOException {
        try (RunningBackend small = RunningBackend.start(TestDatabase.get(),
                Map.of("ov.media.max-upload-bytes", "4096", "ov.scheduler.enabled", "false"))) {
            long images = count("image");
            byte[] noise = noisyPng(200, 200);
            assertTrue(noise.length > 4096 + UploadForm.OVERHEAD_BYTES, "over limit and overhead: " + noise.length);
            byte[] body = multipart(filePart("big.png", "image/png", noise));

            HttpResponse<String> announced = small.send(request(small.baseUrl(), editorToken, multipartType(),
                    HttpRequest.BodyPublishers.ofByteArray(body)));
            JsonNode problem = AdminApi.problem(announced, 413, "too_large");
            assertEquals(4096, problem.get("max_bytes").asInt());

            // Chunked: no Content-Length, so the limit is found while streaming the file to disk.
            HttpResponse<String> streamed = small.send(request(small.baseUrl(), editorToken, multipartType(),
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
            AdminApi.problem(streamed, 413, "too_large");

            byte[] fits = drawn("png", 8, 8);
            assertTrue(fits.length < 4096);
            HttpResponse<String> ok = small.send(request(small.baseUrl(), editorToken, multipartType(), HttpRequest.BodyPublishers
                    .ofInputStream(() -> new ByteArrayInputStream(multipart(filePart("fits.png", "image/png", fits))))));
            created(ok);
            assertEquals(images + 1, count("image"), "only the small one is stored");
            try (Stream<Path> stored = Files.walk(small.mediaRoot())) {
                assertEquals(1, stored.filter(Files::isRegularFile).count(), "no part of the big ones on disk");
            }
        }
    }

    @Test
    void aFailedInsertLeavesNoFileBehind() throws IOException {
        backend.db().execute("CREATE FUNCTION images_admin_refuse() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN IF NEW.title = 'Images Admin refused' THEN RAISE EXCEPTION 'refused by the test';"
                        + " END IF; RETURN NEW; END $$",
                "CREATE TRIGGER images_admin_refuse BEFORE INSERT ON image FOR EACH ROW"
                        + " EXECUTE FUNCTION images_admin_refuse()");
        try {
            long images = count("image");
            long files = storedOriginals();
            HttpResponse<String> failed = upload(backend, editorToken, filePart("x.png", "image/png",
                    drawn("png", 20, 20)), textPart("title", "Images Admin refused"));
            assertEquals(500, failed.statusCode(), failed.body());
            assertEquals(images, count("image"));
            assertEquals(files, storedOriginals(), "the stored file was removed again");
        } finally {
            backend.db().execute("DROP TRIGGER images_admin_refuse ON image", "DROP FUNCTION images_admin_refuse()");
        }
    }

    @Test
    void malformedMultipartIs400() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"
                + "no closing boundary").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = backend.send(request(editorToken, multipartType(),
                HttpRequest.BodyPublishers.ofByteArray(body)));
        AdminApi.problem(response, 400, "malformed_multipart");
    }

    // ---- roles ----

    @Test
    void editorsUploadAndEditModeratorsDeleteAnonymousCallersNothing() {
        byte[] bytes = drawn("gif", 30, 30);
        AdminApi.problem(upload(backend, null, filePart("a.gif", "image/gif", bytes)), 401, "not_authenticated");
        AdminApi.problem(AdminApi.anonymous(backend).get("/images/"), 401, "not_authenticated");
        int id = created(upload(backend, editorToken, filePart("Images Admin roles.gif", "image/gif", bytes)))
                .get("id").asInt();
        AdminApi.json(editor.patch("/images/" + id, AdminApi.body("title", "Images Admin roles, renamed")), 200);
        AdminApi.problem(editor.delete("/images/" + id, null), 403, "forbidden");
        assertEquals(1, count("image WHERE id = " + id), "an editor's delete changes nothing");
        HttpResponse<String> deleted = moderator.delete("/images/" + id, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(0, count("image WHERE id = " + id));
        AdminApi.problem(moderator.get("/images/" + id), 404, "not_found");
    }

    // ---- listing ----

    @Test
    void listsNewestFirstAndSearchesTitles() {
        byte[] bytes = drawn("png", 12, 12);
        int older = created(upload(backend, editorToken, filePart("Images Admin Lighthouse one.png", "image/png", bytes)))
                .get("id").asInt();
        int newer = created(upload(backend, editorToken, filePart("Images Admin LIGHTHOUSE two.png", "image/png", bytes)))
                .get("id").asInt();
        JsonNode found = AdminApi.json(editor.get("/images/?search=lighthouse"), 200);
        List<Integer> ids = new ArrayList<>();
        found.get("items").forEach(item -> ids.add(item.get("id").asInt()));
        assertEquals(List.of(newer, older), ids);
        assertFalse(found.at("/items/0").has("usage"), "listings leave usage out");
        JsonNode page = AdminApi.json(editor.get("/images/?search=lighthouse&limit=1&offset=1"), 200);
        assertEquals(older, page.at("/items/0/id").asInt());
        assertEquals(1, page.get("limit").asInt());
        assertEquals(0, AdminApi.json(editor.get("/images/?search=100%25_nothing"), 200).get("items").size(),
                "% and _ match themselves");
        AdminApi.problem(editor.get("/images/?limit=0"), 400, "invalid_parameter");
    }

    // ---- edits ----

    @Test
    void invalidEditsAre422WithPointersAndChangeNothing() {
        int id = created(upload(backend, editorToken, filePart("Images Admin edits.png", "image/png",
                drawn("png", 400, 300)))).get("id").asInt();
        String path = "/images/" + id;
        JsonNode problem = AdminApi.problem(editor.patch(path, "{\"title\": \"\", \"description\": \""
                + "x".repeat(1001) + "\", \"colour\": 1}"), 422, "validation_failed");
        assertEquals(List.of("required"), AdminApi.errorCodes(problem, "/title"));
        assertEquals(List.of("too_long"), AdminApi.errorCodes(problem, "/description"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(problem, "/colour"));
        assertEquals(List.of("too_long"), AdminApi.errorCodes(
                AdminApi.problem(editor.patch(path, AdminApi.body("title", "t".repeat(256))), 422, "validation_failed"),
                "/title"));
        assertEquals(List.of("required"), AdminApi.errorCodes(
                AdminApi.problem(editor.patch(path, "{\"title\": null}"), 422, "validation_failed"), "/title"));

        JsonNode shape = AdminApi.problem(editor.patch(path, "{\"focal_point\": {\"x\": -1, \"y\": \"a\", \"width\": 10}}"),
                422, "validation_failed");
        assertEquals(List.of("out_of_range"), AdminApi.errorCodes(shape, "/focal_point/x"));
        assertEquals(List.of("not_integer"), AdminApi.errorCodes(shape, "/focal_point/y"));
        assertEquals(List.of("required"), AdminApi.errorCodes(shape, "/focal_point/height"));
        assertEquals(List.of("not_object"), AdminApi.errorCodes(
                AdminApi.problem(editor.patch(path, "{\"focal_point\": [1, 2]}"), 422, "validation_failed"),
                "/focal_point"));

        JsonNode outside = AdminApi.problem(editor.patch(path, focalPoint(401, 100, 10, 10)), 422, "validation_failed");
        assertEquals(List.of("out_of_bounds"), AdminApi.errorCodes(outside, "/focal_point/x"));
        JsonNode tooBig = AdminApi.problem(editor.patch(path, focalPoint(390, 20, 40, 60)), 422, "validation_failed");
        assertEquals(List.of("out_of_bounds"), AdminApi.errorCodes(tooBig, "/focal_point/width"));
        assertEquals(List.of("out_of_bounds"), AdminApi.errorCodes(tooBig, "/focal_point/height"));

        JsonNode unchanged = AdminApi.json(editor.get(path), 200);
        assertEquals("Images Admin edits", unchanged.get("title").asText());
        assertTrue(unchanged.get("focal_point").isNull());
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'image.update'"
                + " AND object_id = '" + id + "'"));

        AdminApi.problem(editor.patch("/images/999999999", AdminApi.body("title", "x")), 404, "not_found");
        JsonNode edited = AdminApi.json(editor.patch(path, focalPoint(200, 150, 400, 300)), 200);
        assertEquals(400, edited.at("/focal_point/width").asInt(), "the whole image is a valid focal area");
        JsonNode cleared = AdminApi.json(editor.patch(path, "{\"focal_point\": null}"), 200);
        assertTrue(cleared.get("focal_point").isNull());
        assertEquals(2, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'image.update'"
                + " AND object_id = '" + id + "'"));
    }

    @Test
    void editsShowInThePublicApiAtOnceAndAMovedFocalPointGivesNewRenditions() {
        JsonNode image = created(upload(backend, editorToken, filePart("Images Admin pier.jpg", "image/jpeg",
                drawn("jpeg", 1600, 900))));
        int id = image.get("id").asInt();
        JsonNode page = publishedExhibit("images-admin-pier", id);
        String detail = "/api/v2/exhibits/" + page.get("id").asInt() + "/";

        JsonNode before = backend.getJson(detail);
        String coverBefore = before.at("/cover_image/url").asText();
        String heroBefore = before.at("/hero_image/url").asText();
        assertTrue(coverBefore.contains("." + FocalPoint.NONE_KEY + ".fill-1920x1080."), coverBefore);
        assertEquals("Images Admin pier", before.at("/cover_image/alt").asText(), "alt falls back to the title");

        AdminApi.json(editor.patch("/images/" + id, AdminApi.body("description", "The pier at dusk")), 200);
        JsonNode described = backend.getJson(detail);
        assertEquals("The pier at dusk", described.at("/cover_image/alt").asText(), "alt text shows at once");
        assertEquals(coverBefore, described.at("/cover_image/url").asText(), "same focal point, same rendition");

        JsonNode moved = AdminApi.json(editor.patch("/images/" + id, focalPoint(300, 120, 200, 100)), 200);
        assertEquals(300, moved.at("/focal_point/x").asInt());
        JsonNode after = backend.getJson(detail);
        String key = FocalPoint.keyOf(new FocalPoint(300, 120, 200, 100));
        String heroAfter = after.at("/hero_image/url").asText();
        assertNotEquals(heroBefore, heroAfter, "a moved focal point makes a new rendition");
        assertTrue(heroAfter.contains("." + key + ".fill-1600x500."), heroAfter);
        assertNotEquals(coverBefore, after.at("/cover_image/url").asText());
        assertEquals(200, backend.getBytes(heroAfter).statusCode(), "and its file is served");
        assertEquals(2, backend.db().queryLong("SELECT count(DISTINCT focal_point_key) FROM image_rendition"
                + " WHERE image_id = " + id + " AND filter_spec = 'fill-1600x500'"));

        AdminApi.json(editor.patch("/images/" + id, AdminApi.body("title", "Images Admin pier, renamed")), 200);
        assertEquals("Images Admin pier, renamed", backend.getJson("/api/v2/images/" + id + "/").get("title").asText());
    }

    // ---- usage and deletes ----

    @Test
    void anImageInUseIsNotDeletedAndItsUsageIsListed() throws IOException {
        int id = created(upload(backend, editorToken, filePart("Images Admin mural.png", "image/png",
                drawn("png", 1920, 1080)))).get("id").asInt();
        JsonNode page = publishedExhibit("images-admin-mural", id);
        int pageId = page.get("id").asInt();
        backend.db().execute("INSERT INTO author (name, image_id) VALUES ('Images Admin Portraitist', " + id + ")");
        String detail = "/api/v2/exhibits/" + pageId + "/";
        backend.getJson(detail); // makes its renditions

        JsonNode shown = AdminApi.json(editor.get("/images/" + id), 200);
        List<String> uses = new ArrayList<>();
        shown.get("usage").forEach(use -> uses.add(use.get("type").asText() + " " + use.get("id").asText() + " "
                + use.get("field").asText() + " " + use.get("draft").asBoolean()));
        assertEquals(List.of("exhibits.ExhibitPage " + pageId + " cover_image false",
                "exhibits.ExhibitPage " + pageId + " hero_image false",
                "authors.Author " + text("SELECT id FROM author WHERE name = 'Images Admin Portraitist'")
                        + " image false"), uses);
        assertEquals("Images Admin images-admin-mural", shown.at("/usage/0/title").asText());

        JsonNode refused = AdminApi.problem(moderator.delete("/images/" + id, null), 409, "image_in_use");
        assertEquals(3, refused.get("usage").size());
        assertEquals(pageId, refused.at("/usage/0/id").asInt());
        assertEquals(1, count("image WHERE id = " + id));
        List<String> renditions = texts("SELECT file FROM image_rendition WHERE image_id = " + id);
        assertFalse(renditions.isEmpty());

        // Once the page is gone and the author has another portrait, it can go, its files with it.
        backend.db().execute("UPDATE author SET image_id = NULL WHERE name = 'Images Admin Portraitist'");
        JsonNode current = AdminApi.json(moderator.get("/pages/" + pageId), 200);
        AdminApi.json(moderator.delete("/pages/" + pageId, current.get("etag").asText()), 200);
        String original = text("SELECT file FROM image WHERE id = " + id);
        assertTrue(Files.exists(backend.mediaRoot().resolve(original)));
        HttpResponse<String> deleted = moderator.delete("/images/" + id, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(0, count("image WHERE id = " + id));
        assertEquals(0, count("image_rendition WHERE image_id = " + id));
        assertFalse(Files.exists(backend.mediaRoot().resolve(original)), "the original is gone");
        for (String rendition : renditions) {
            assertFalse(Files.exists(backend.mediaRoot().resolve(rendition)), rendition + " is gone");
        }
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'image.delete'"
                + " AND object_id = '" + id + "' AND username = 'imagesadmin-moderator'"));
        AdminApi.problem(moderator.delete("/images/" + id, null), 404, "not_found");
    }

    @Test
    void draftsAndRichTextEmbedsCountAsUses() {
        int embedded = created(upload(backend, editorToken, filePart("Images Admin embedded.png", "image/png",
                drawn("png", 64, 64)))).get("id").asInt();
        int hero = created(upload(backend, editorToken, filePart("Images Admin hero.png", "image/png",
                drawn("png", 64, 64)))).get("id").asInt();
        ObjectNode content = exhibit("Images Admin draft", "images-admin-draft");
        content.put("cover_image_id", embedded).put("hero_image_id", hero);
        content.putArray("body").addObject().put("type", "text").put("value",
                "<p>See</p><embed embedtype=\"image\" id=\"" + embedded + "\" format=\"left\" alt=\"x\"/>");
        JsonNode page = createExhibit(content);
        page = AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
        // A draft of the live page: the embedded image becomes the hero too, the hero image leaves the draft.
        content.put("hero_image_id", embedded);
        AdminApi.json(editor.put("/pages/" + page.get("id").asInt(), "{\"content\":" + content + "}",
                page.get("etag").asText()), 200);

        assertEquals(List.of("cover_image false", "body false", "hero_image true"), uses(embedded));
        assertEquals(page.get("id").asInt(), AdminApi.json(editor.get("/images/" + embedded), 200)
                .at("/usage/0/id").asInt());
        assertEquals(List.of("hero_image false"), uses(hero), "the live page still shows it");
        AdminApi.problem(moderator.delete("/images/" + embedded, null), 409, "image_in_use");

        // An embed of another image whose id merely starts with the same digits is no use of this one.
        backend.db().execute("INSERT INTO author (name, bio) VALUES ('Images Admin Biographer',"
                + " '<p>Me</p><embed alt=\"x\" embedtype=\"image\" format=\"left\" id=\"" + hero + "0\"/>')",
                "INSERT INTO author (name, bio) VALUES ('Images Admin Writer',"
                + " '<p>Me</p><embed alt=\"x\" embedtype=\"image\" format=\"left\" id=\"" + hero + "\"/>')");
        assertEquals(List.of("hero_image false", "bio false"), uses(hero));
    }

    /** The image's uses as "field draft", in the order the admin lists them. */
    static List<String> uses(int imageId) {
        List<String> uses = new ArrayList<>();
        AdminApi.json(editor.get("/images/" + imageId), 200).get("usage")
                .forEach(use -> uses.add(use.get("field").asText() + " " + use.get("draft").asBoolean()));
        return uses;
    }

    // ---- helpers ----

    public static ObjectNode exhibit(String title, String slug) {
        ObjectNode content = ApiJson.MAPPER.createObjectNode();
        content.put("title", title);
        content.put("slug", slug);
        content.putArray("body").addObject().put("type", "text").put("value", "<p>About " + title + "</p>");
        return content;
    }

    static JsonNode createExhibit(ObjectNode content) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("type", "exhibits.ExhibitPage");
        body.put("parent_id", 3);
        body.set("content", content);
        return AdminApi.json(editor.post("/pages/", body.toString()), 201);
    }

    /** A live exhibit whose cover and hero are the image. */
    static JsonNode publishedExhibit(String slug, int imageId) {
        ObjectNode content = exhibit("Images Admin " + slug, slug);
        content.put("cover_image_id", imageId).put("hero_image_id", imageId);
        JsonNode page = createExhibit(content);
        return AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
    }

    static String focalPoint(int x, int y, int width, int height) {
        return "{\"focal_point\": {\"x\": " + x + ", \"y\": " + y + ", \"width\": " + width + ", \"height\": " + height
                + "}}";
    }

    /** A multipart part: headers and content. */
    public record Part(String headers, byte[] content) {
    }

    public static Part filePart(String filename, String contentType, byte[] bytes) {
        return new Part("Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", bytes);
    }

    public static Part textPart(String name, String value) {
        return new Part("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] multipart(Part... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + part.headers() + "\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    public static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static HttpRequest request(String token, String contentType, HttpRequest.BodyPublisher body) {
        return request(backend.baseUrl(), token, contentType, body);
    }

    static HttpRequest request(String baseUrl, String token, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + AdminApi.V1 + "/images/"))
                .header("Content-Type", contentType)
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    static HttpResponse<String> upload(BackendExtension target, String token, Part... parts) {
        return target.send(request(target.baseUrl(), token, multipartType(),
                HttpRequest.BodyPublishers.ofByteArray(multipart(parts))));
    }

    static JsonNode created(HttpResponse<String> response) {
        JsonNode image = AdminApi.json(response, 201);
        uploaded.add(image.get("id").asInt());
        return image;
    }

    public static byte[] drawn(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(width / 4, height / 4, Math.max(1, width / 8), Math.max(1, height / 8));
        g.dispose();
        return encode(image, format);
    }

    /** Random pixels: PNG cannot compress them, so the file is large for its size. */
    static byte[] noisyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG signature and IHDR chunk (with a correct CRC) claiming a huge image, and an IEND: no pixels at all. */
    static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, 13, ihdr.array());
        chunk(png, 0, "IEND".getBytes(StandardCharsets.US_ASCII));
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, int length, byte[] typeAndData) {
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        png.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        png.writeBytes(typeAndData);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    static long count(String tableAndWhere) {
        return backend.db().queryLong("SELECT count(*) FROM " + tableAndWhere);
    }

    /** Originals stored by this class's backend. */
    static long storedOriginals() throws IOException {
        Path originals = backend.mediaRoot().resolve("original_images");
        if (!Files.isDirectory(originals)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(originals)) {
            return files.count();
        }
    }

    static String text(String sql) {
        List<String> values = texts(sql);
        return values.isEmpty() ? null : values.getFirst();
    }

    static List<String> texts(String sql) {
        try (Connection c = backend.db().connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
