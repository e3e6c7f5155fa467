package org.openvault.backend.adminsite;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;
import org.openvault.backend.images.ImagesAdminTest;
import org.openvault.backend.images.ImagesAdminTest.Part;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image library screens: grid, search, upload (a multipart form), title and alt text, focal point, usage. */
class AdminSiteImagesTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();
    private static final AdminSiteClient SITE = new AdminSiteClient(backend);
    private static final String PREFIX = "adminsite-images-";

    private static AdminApi editorApi;
    private static AdminApi moderatorApi;

    @BeforeAll
    static void accounts() {
        editorApi = AdminApi.signedIn(backend, PREFIX + "editor", Role.EDITOR);
        moderatorApi = AdminApi.signedIn(backend, PREFIX + "moderator", Role.MODERATOR);
    }

    @AfterAll
    static void cleanUp() {
        AdminFixture.removePagesOf(backend.db(), PREFIX);
        backend.db().execute("DELETE FROM image WHERE title LIKE 'Adminsite %'");
    }

    /** Posts the upload form as a browser does: multipart, from this site, with the session cookie. */
    private static HttpResponse<String> upload(String cookie, Part... parts) {
        return backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/admin/images/upload"))
                .header("Content-Type", ImagesAdminTest.multipartType())
                .header("Origin", backend.baseUrl())
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ImagesAdminTest.multipart(parts))).build());
    }

    private static long imageCount() {
        return backend.db().queryLong("SELECT count(*) FROM image");
    }

    /** Uploads through the form; answers the new image's id. */
    private static int uploaded(String cookie, String title, int width, int height) {
        Document form = SITE.html(SITE.get("/admin/images/upload", cookie), 200);
        String csrf = form.selectFirst("form[enctype=multipart/form-data] input[name=csrf_token]").val();
        HttpResponse<String> response = upload(cookie, ImagesAdminTest.textPart("csrf_token", csrf),
                ImagesAdminTest.filePart("picture.png", "image/png", ImagesAdminTest.drawn("png", width, height)),
                ImagesAdminTest.textPart("title", title), ImagesAdminTest.textPart("description", "Alt of " + title));
        String location = AdminSiteClient.location(response);
        assertTrue(location.matches("/admin/images/\\d+\\?uploaded=1"), location);
        return Integer.parseInt(location.substring("/admin/images/".length(), location.indexOf('?')));
    }

    @Test
    void anEditorUploadsFindsAndDescribesAnImage() {
        String cookie = SITE.session(PREFIX + "editor", null);
        int id = uploaded(cookie, "Adminsite harbour at dawn", 400, 300);
        Document shown = SITE.html(SITE.get("/admin/images/" + id + "?uploaded=1", cookie), 200);
        assertTrue(shown.selectFirst("[role=status]").text().startsWith("Uploaded."));
        assertEquals("Alt of Adminsite harbour at dawn", shown.selectFirst("input[name=description]").val());
        assertEquals("Nothing uses this image.", shown.selectFirst(".usage p").text());
        assertNull(shown.selectFirst("button[value=delete]"), "editors do not delete");

        Document grid = SITE.html(SITE.get("/admin/images?q=HARBOUR+at", cookie), 200);
        Element tile = grid.selectFirst(".image-grid a[href=/admin/images/" + id + "]");
        assertNotNull(tile, grid.body().html());
        assertTrue(tile.selectFirst("img").attr("src").startsWith("/media/images/"));
        assertEquals(200, backend.getBytes(tile.selectFirst("img").attr("src")).statusCode());
        assertTrue(SITE.html(SITE.get("/admin/images?q=no-such-words", cookie), 200).selectFirst(".image-grid") == null);

        Map<String, String> fields = AdminSiteClient.submission(shown, "form.image-form",
                Map.of("title", "Adminsite harbour, renamed", "description", "Boats in fog"));
        fields.put("action", "save");
        assertEquals("/admin/images/" + id + "?saved=1",
                AdminSiteClient.location(SITE.post("/admin/images/" + id, fields, cookie)));
        JsonNode image = AdminApi.json(editorApi.get("/images/" + id), 200);
        assertEquals("Adminsite harbour, renamed", image.get("title").asText());
        assertEquals("Boats in fog", image.get("description").asText());
    }

    @Test
    void anUploadWithoutTheFormsTokenStoresNothing() {
        String cookie = SITE.session(PREFIX + "editor", null);
        long before = imageCount();
        Part file = ImagesAdminTest.filePart("x.png", "image/png", ImagesAdminTest.drawn("png", 20, 20));
        assertEquals(403, upload(cookie, file).statusCode());
        assertEquals(403, upload(cookie, ImagesAdminTest.textPart("csrf_token", "wrong"), file).statusCode());
        HttpResponse<String> crossSite = backend.send(HttpRequest.newBuilder(URI.create(backend.baseUrl()
                        + "/admin/images/upload")).header("Content-Type", ImagesAdminTest.multipartType())
                .header("Origin", "https://evil.example").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ImagesAdminTest.multipart(file))).build());
        assertEquals(403, crossSite.statusCode());
        assertEquals(before, imageCount());

        Document form = SITE.html(SITE.get("/admin/images/upload", cookie), 200);
        String csrf = form.selectFirst("input[name=csrf_token]").val();
        Document refused = SITE.html(upload(cookie, ImagesAdminTest.textPart("csrf_token", csrf),
                ImagesAdminTest.filePart("x.png", "image/png", "not an image".getBytes()),
                ImagesAdminTest.textPart("title", "Kept title")), 415);
        assertEquals("Kept title", refused.selectFirst("input[name=title]").val());
        assertNotNull(refused.selectFirst("#error-summary"));
        assertEquals(before, imageCount());
    }

    @Test
    void clickingThePictureSetsTheFocalPointAndThePublicCropFollows() {
        String cookie = SITE.session(PREFIX + "moderator", null);
        int id = uploaded(cookie, "Adminsite focal", 1000, 500);
        JsonNode page = AdminApi.json(editorApi.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":{\"title\":\"Adminsite Focal Exhibit\",\"slug\":\"" + PREFIX + "focal\","
                + "\"cover_image_id\":" + id + ",\"hero_image_id\":" + id + "}}"), 201);
        AdminApi.json(moderatorApi.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
        String before = backend.getJson("/api/v2/pages/" + page.get("id").asInt() + "/").at("/cover_image/url")
                .asText();

        Document shown = SITE.html(SITE.get("/admin/images/" + id, cookie), 200);
        Element picture = shown.selectFirst("input[type=image][name=focal]");
        assertEquals("800", picture.attr("width"));
        assertEquals("400", picture.attr("height"));
        Element usage = shown.selectFirst(".usage a[href=/admin/pages/" + page.get("id").asInt() + "/edit]");
        assertNotNull(usage, shown.selectFirst(".usage").html());
        assertNull(shown.selectFirst("button[value=delete]"), "an image in use cannot be deleted");

        // A click at (600, 100) of the 800 × 400 picture is (750, 125) of the original.
        Map<String, String> fields = AdminSiteClient.submission(shown, "form.image-form", Map.of());
        fields.put("focal.x", "600");
        fields.put("focal.y", "100");
        assertEquals("/admin/images/" + id + "?focal=1",
                AdminSiteClient.location(SITE.post("/admin/images/" + id, fields, cookie)));
        JsonNode focal = AdminApi.json(editorApi.get("/images/" + id), 200).get("focal_point");
        assertEquals(750, focal.get("x").asInt());
        assertEquals(125, focal.get("y").asInt());
        assertEquals(200, focal.get("width").asInt());
        assertEquals(100, focal.get("height").asInt());
        String after = backend.getJson("/api/v2/pages/" + page.get("id").asInt() + "/").at("/cover_image/url")
                .asText();
        assertNotEquals(before, after, "the public crop is made again around the focal point");

        Document focused = SITE.html(SITE.get("/admin/images/" + id + "?focal=1", cookie), 200);
        assertTrue(focused.selectFirst("#focal-help").text().contains("75% across and 25% down"),
                focused.selectFirst("#focal-help").text());
        fields = AdminSiteClient.submission(focused, "form.image-form", Map.of());
        fields.put("action", "clear_focal_point");
        SITE.post("/admin/images/" + id, fields, cookie);
        assertTrue(AdminApi.json(editorApi.get("/images/" + id), 200).get("focal_point").isNull());
    }

    @Test
    void moderatorsDeleteImagesNothingUsesAndEditorsCannot() {
        String editor = SITE.session(PREFIX + "editor", null);
        int id = uploaded(editor, "Adminsite unused", 40, 30);
        Document shown = SITE.html(SITE.get("/admin/images/" + id, editor), 200);
        Map<String, String> forged = AdminSiteClient.submission(shown, "form.image-form", Map.of());
        forged.put("action", "delete");
        assertEquals(403, SITE.post("/admin/images/" + id, forged, editor).statusCode());

        String moderator = SITE.session(PREFIX + "moderator", null);
        Document mine = SITE.html(SITE.get("/admin/images/" + id, moderator), 200);
        Map<String, String> delete = AdminSiteClient.submission(mine, ".usage form", Map.of());
        delete.put("action", "delete");
        assertEquals("/admin/images?deleted=1",
                AdminSiteClient.location(SITE.post("/admin/images/" + id, delete, moderator)));
        assertEquals(404, editorApi.get("/images/" + id).statusCode());
    }
}
