package org.openvault.backend.images;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Media in an S3 bucket (ov.media.storage=s3) on a real S3 server (s3proxy), through the backend's HTTP API: uploads
 * land in the bucket, renditions are rendered into it once however many first requests come at once (also from two
 * backends), /media/ streams both from the private bucket, a missing object is 404 and an unreachable store 503 with
 * readiness down.
 */
class S3MediaTest {

    private static final String BUCKET = "ov-media";
    private static final S3TestServer s3 = S3TestServer.start(BUCKET);

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture(s3.backendSettings(BUCKET));

    private static S3Client bucket;
    private static AdminApi editor;
    private static AdminApi moderator;
    private static String editorToken;

    @BeforeAll
    static void accounts() {
        bucket = s3.client();
        editorToken = AdminFixture.tokenFor(backend.db(), "s3media-editor", Role.EDITOR);
        editor = new AdminApi(backend, editorToken);
        moderator = AdminApi.signedIn(backend, "s3media-moderator", Role.MODERATOR);
    }

    @AfterAll
    static void stopTheStore() {
        AdminFixture.removePagesOf(backend.db(), "s3media-");
        backend.db().execute("DELETE FROM image WHERE title LIKE 'S3 media %'");
        bucket.close();
        s3.close();
    }

    @Test
    void anUploadIsStoredInTheBucketOnlyAndStreamedFromItUnderMedia() throws Exception {
        byte[] png = ImagesAdminTest.drawn("png", 300, 200);
        JsonNode image = upload("S3 media upload", png);
        String url = image.get("url").asText();
        assertTrue(url.matches("/media/original_images/[0-9a-f]{32}\\.png"), url);
        String key = url.substring("/media/".length());

        assertArrayEquals(png, object(key), "the bucket holds the upload as sent");
        assertFalse(Files.exists(backend.mediaRoot().resolve(key)), "nothing on the local disk");
        HttpResponse<byte[]> served = backend.getBytes(url);
        assertEquals(200, served.statusCode());
        assertArrayEquals(png, served.body());
        assertEquals("image/png", served.headers().firstValue("content-type").orElseThrow());
        assertEquals(String.valueOf(png.length), served.headers().firstValue("content-length").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", served.headers().firstValue("cache-control").orElseThrow());
        assertEquals("image/png", bucket.headObject(head -> head.bucket(BUCKET).key(key)).contentType());
    }

    @Test
    void renditionsAreRenderedIntoTheBucketAndServedWithImmutableCaching() throws Exception {
        int id = upload("S3 media rendition", ImagesAdminTest.drawn("jpeg", 2400, 1600)).get("id").asInt();
        JsonNode cover = publishedExhibit("s3-media-rendition", id).get("cover_image");
        String url = cover.get("url").asText();
        assertTrue(url.matches("/media/images/[0-9a-f]{32}\\.2e16d0ba\\.fill-1920x1080\\.jpg"), url);
        assertEquals(1920, cover.get("width").asInt());

        byte[] stored = object(url.substring("/media/".length()));
        assertEquals(1920, TestImages.decode(stored).getWidth());
        HttpResponse<byte[]> served = backend.getBytes(url);
        assertEquals(200, served.statusCode());
        assertArrayEquals(stored, served.body());
        assertEquals("public, max-age=31536000, immutable", served.headers().firstValue("cache-control").orElseThrow());
        assertEquals("image/jpeg", served.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void fiftyConcurrentFirstRequestsRenderEachRenditionOnce() throws Exception {
        int id = upload("S3 media contended", ImagesAdminTest.drawn("jpeg", 3000, 2000)).get("id").asInt();
        int page = publish("s3-media-contended", id);
        double before = renderings(backend.baseUrl());

        Set<String> answers = concurrently(50, i -> backend.get("/api/v2/exhibits/" + page + "/"));

        assertEquals(1, answers.size(), "every request saw the same renditions");
        long rows = backend.db().queryLong("SELECT count(*) FROM image_rendition WHERE image_id = " + id);
        // cover 1920x1080, hero 1600x500 and the 480x270 thumb that cover_thumb and hero_thumb share
        assertEquals(3, rows);
        assertEquals(3, renderings(backend.baseUrl()) - before, "one rendering per rendition");
        assertEquals(3, renditionObjects(id).size());
    }

    @Test
    void twoBackendsRenderingTheSameRenditionsAtOnceLeaveOneObjectAndOneRowEach() throws Exception {
        int id = upload("S3 media two replicas", ImagesAdminTest.drawn("png", 2000, 1500)).get("id").asInt();
        int page = publish("s3-media-replicas", id);
        try (RunningBackend other = RunningBackend.start(backend.db(), s3.backendSettings(BUCKET))) {
            List<String> replicas = List.of(backend.baseUrl(), other.baseUrl());
            Set<String> answers = concurrently(20, i -> i % 2 == 0 ? backend.get("/api/v2/exhibits/" + page + "/")
                    : other.get("/api/v2/exhibits/" + page + "/"));
            Set<String> renditions = new HashSet<>();
            for (String answer : answers) {
                JsonNode exhibit = ApiJson.MAPPER.readTree(answer);
                renditions.add(List.of("cover_image", "cover_thumb", "hero_image", "hero_thumb").stream()
                        .map(field -> exhibit.get(field).toString()).toList().toString());
            }
            assertEquals(1, renditions.size(), "both replicas answered the same renditions: " + replicas);
        }
        assertEquals(3, backend.db().queryLong("SELECT count(*) FROM image_rendition WHERE image_id = " + id));
        List<String> objects = renditionObjects(id);
        assertEquals(3, objects.size(), objects.toString());
        for (String key : objects) {
            assertTrue(TestImages.decode(object(key)).getWidth() > 0, key + " is a whole image");
        }
    }

    @Test
    void aWagtailBucketsObjectsAreServedAndRenderedAsTheyAre() throws Exception {
        // As django-storages left it: the original under original_images/, the row pointing at it.
        byte[] jpeg = ImagesAdminTest.drawn("jpeg", 1000, 800);
        bucket.putObject(put -> put.bucket(BUCKET).key("original_images/wagtail-mural.jpg"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(jpeg));
        int id = new TestImages(backend.db(), backend.mediaRoot()).insert("S3 media wagtail",
                "original_images/wagtail-mural.jpg", 1000, 800, null, "", new String[0]);
        assertArrayEquals(jpeg, backend.getBytes("/media/original_images/wagtail-mural.jpg").body());
        JsonNode cover = publishedExhibit("s3-media-wagtail", id).get("cover_image");
        assertEquals("/media/images/wagtail-mural.2e16d0ba.fill-1920x1080.jpg", cover.get("url").asText());
        assertEquals(1000, TestImages.decode(object("images/wagtail-mural.2e16d0ba.fill-1920x1080.jpg")).getWidth());
    }

    @Test
    void aPrefixAndACdnOriginShapeKeysAndRenditionUrls() throws Exception {
        try (S3ImageStorage storage = new S3ImageStorage(s3.client(), BUCKET, "site-a", "https://cdn.example.org/")) {
            storage.write("images/x.2e16d0ba.fill-10x10.png", new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, object("site-a/images/x.2e16d0ba.fill-10x10.png"));
            assertEquals(3, storage.size("images/x.2e16d0ba.fill-10x10.png"));
            assertEquals("https://cdn.example.org/site-a/images/x.2e16d0ba.fill-10x10.png",
                    storage.url("images/x.2e16d0ba.fill-10x10.png"));
            assertEquals("/media/original_images/x.png", storage.url("original_images/x.png"),
                    "originals stay private");
            storage.delete("images/x.2e16d0ba.fill-10x10.png");
            assertFalse(storage.exists("images/x.2e16d0ba.fill-10x10.png"));
        }
    }

    @Test
    void aMissingObjectIs404() {
        HttpResponse<String> missing = backend.get("/media/original_images/never-stored.jpg");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"not found\"}", missing.body());
        assertEquals(404, backend.get("/media/images/never-stored.2e16d0ba.fill-10x10.jpg").statusCode());
    }

    @Test
    void anImageWhoseOriginalObjectIsGoneGivesTheSourceErrorObject() throws Exception {
        JsonNode image = upload("S3 media lost original", ImagesAdminTest.drawn("png", 400, 300));
        String key = image.get("url").asText().substring("/media/".length());
        bucket.deleteObject(delete -> delete.bucket(BUCKET).key(key));
        JsonNode exhibit = publishedExhibit("s3-media-lost", image.get("id").asInt());
        assertEquals("SourceImageIOError", exhibit.get("cover_image").get("error").asText());
    }

    @Test
    void anUnreachableStoreAnswers503AndTakesTheBackendOutOfReadiness() throws Exception {
        JsonNode image = upload("S3 media outage", ImagesAdminTest.drawn("jpeg", 800, 600));
        String original = image.get("url").asText();
        int page = publish("s3-media-outage", image.get("id").asInt());
        assertEquals(200, backend.get("/observe/health/ready").statusCode());
        s3.stop();
        try {
            HttpResponse<String> media = backend.get(original);
            assertEquals(503, media.statusCode(), media.body());
            assertEquals("1", media.headers().firstValue("retry-after").orElseThrow());
            assertTrue(ApiJson.MAPPER.readTree(media.body()).has("message"), media.body());

            HttpResponse<String> json = backend.get("/api/v2/exhibits/" + page + "/");
            assertEquals(503, json.statusCode(), "a first rendition cannot be made: " + json.body());

            HttpResponse<String> ready = backend.get("/observe/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("media-storage"), ready.body());

            HttpResponse<String> upload = uploadResponse("S3 media during outage",
                    ImagesAdminTest.drawn("png", 50, 50));
            assertEquals(503, upload.statusCode(), upload.body());
            assertEquals(0, backend.db().queryLong(
                    "SELECT count(*) FROM image WHERE title = 'S3 media during outage'"));
        } finally {
            s3.restart();
        }
        assertEquals(200, backend.get("/observe/health/ready").statusCode());
        JsonNode cover = RunningBackend.json(backend.get("/api/v2/exhibits/" + page + "/")).get("cover_image");
        assertEquals(800, cover.get("width").asInt(), "the outage left no broken rendition behind");
        assertEquals(200, backend.getBytes(original).statusCode());
    }

    // ---- helpers ----

    private static JsonNode upload(String title, byte[] bytes) {
        return AdminApi.json(uploadResponse(title, bytes), 201);
    }

    private static HttpResponse<String> uploadResponse(String title, byte[] bytes) {
        HttpRequest request = ImagesAdminTest.request(backend.baseUrl(), editorToken, ImagesAdminTest.multipartType(),
                HttpRequest.BodyPublishers.ofByteArray(ImagesAdminTest.multipart(
                        ImagesAdminTest.filePart("upload.bin", "application/octet-stream", bytes),
                        ImagesAdminTest.textPart("title", title))));
        return backend.send(request);
    }

    /** Publishes an exhibit whose cover and hero are the image; answers its page id (no rendition made yet). */
    private static int publish(String slug, int imageId) {
        ObjectNode content = ImagesAdminTest.exhibit("S3 media " + slug, slug);
        content.put("cover_image_id", imageId).put("hero_image_id", imageId);
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("type", "exhibits.ExhibitPage");
        body.put("parent_id", 3);
        body.set("content", content);
        JsonNode page = AdminApi.json(editor.post("/pages/", body.toString()), 201);
        AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
        return page.get("id").asInt();
    }

    private static JsonNode publishedExhibit(String slug, int imageId) {
        return backend.getJson("/api/v2/exhibits/" + publish(slug, imageId) + "/");
    }

    private static byte[] object(String key) {
        return bucket.getObject(get -> get.bucket(BUCKET).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    /** The rendition objects made of the image's original (their keys start with its name). */
    private static List<String> renditionObjects(int imageId) {
        String file;
        try (var connection = backend.db().connect(); var query = connection.createStatement();
             var rows = query.executeQuery("SELECT file FROM image WHERE id = " + imageId)) {
            rows.next();
            file = rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        String name = file.substring("original_images/".length(), file.lastIndexOf('.'));
        return bucket.listObjectsV2(list -> list.bucket(BUCKET).prefix("images/" + name + "."))
                .contents().stream().map(S3Object::key).toList();
    }

    /** The backend's count of renditions rendered in this JVM (metric ov_renditions_rendered). */
    private static double renderings(String baseUrl) {
        HttpResponse<String> metrics = backend.send(HttpRequest.newBuilder(
                java.net.URI.create(baseUrl + "/observe/metrics")).header("Accept", "text/plain").build());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body().lines()
                .filter(line -> line.startsWith("ov_renditions_rendered"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Sends {@code count} requests at once; answers the distinct bodies of their 200 answers (any other fails). */
    private static Set<String> concurrently(int count, java.util.function.IntFunction<HttpResponse<String>> request)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                responses.add(pool.submit(() -> {
                    go.await();
                    return request.apply(n);
                }));
            }
            go.countDown();
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get().statusCode(), response.get().body());
                bodies.add(response.get().body());
            }
            return bodies;
        }
    }
}
