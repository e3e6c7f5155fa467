package org.openvault.backend.images;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.api.ImageJson;
import org.openvault.backend.database.Database;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renditions rendered from real files, recorded in PostgreSQL and fetched over HTTP from /media/. */
class RenditionsTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static final Duration RENDER_WAIT = Duration.ofSeconds(30);

    private static Database database;
    private static LocalImageStorage storage;
    private static ImageRepository repository;
    private static ImageJson imageJson;
    private static TestImages images;

    @BeforeAll
    static void connectRenditions() {
        TestDatabase db = backend.db();
        database = Database.connect(Config.just(ConfigSources.create(Map.of(
                "url", db.url(), "user", db.user(), "password", db.password()))));
        storage = new LocalImageStorage(backend.mediaRoot());
        repository = new ImageRepository(database.sql());
        imageJson = json(new Renditions(repository, storage, RENDER_WAIT));
        images = new TestImages(db, backend.mediaRoot());
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    private static ImageJson json(Renditions renditions) {
        return new ImageLibraryJson(repository, renditions, storage, "https://media.example.org/", Duration.ZERO, null);
    }

    @Test
    void renditionObjectHasTheApiShapeAndAFileOfThatSize() {
        int id = images.create("Crew on location", 2400, 1800);
        Map<String, Object> json = imageJson.rendition(id, "fill-1920x1080");
        assertEquals(List.of("url", "full_url", "width", "height", "alt"), List.copyOf(json.keySet()));
        String url = (String) json.get("url");
        assertTrue(url.matches("/media/images/crew-on-location-\\d+\\.2e16d0ba\\.fill-1920x1080\\.jpg"), url);
        assertEquals("https://media.example.org" + url, json.get("full_url"));
        assertEquals(1920, json.get("width"));
        assertEquals(1080, json.get("height"));
        assertEquals("Crew on location", json.get("alt"));

        HttpResponse<byte[]> served = backend.getBytes(url);
        assertEquals(200, served.statusCode());
        assertEquals("image/jpeg", served.headers().firstValue("content-type").orElseThrow());
        assertTrue(served.headers().firstValue("cache-control").orElseThrow().contains("max-age=31536000"));
        BufferedImage rendition = TestImages.decode(served.body());
        assertEquals(1920, rendition.getWidth());
        assertEquals(1080, rendition.getHeight());
    }

    @Test
    void altIsTheDescriptionWhenThereIsOne() {
        int id = images.create("Described", 300, 300, "png", 150, 150, 10, null);
        backend.db().execute("UPDATE image SET description = 'A described image' WHERE id = " + id);
        assertEquals("A described image", imageJson.rendition(id, "fill-100x100").get("alt"));
    }

    @Test
    void exactOutputSizesForWideTallAndSmallOriginalsAndNoUpscaling() {
        assertSize(images.create("Wide", 4000, 1000), "fill-1920x1080", 1778, 1000);
        assertSize(images.create("Tall", 1000, 3000), "fill-480x270", 480, 270);
        assertSize(images.create("Tall hero", 1000, 3000), "fill-1600x500", 1000, 313);
        assertSize(images.create("Small", 300, 200), "fill-1920x1080", 300, 169);
        assertSize(images.create("Tiny portrait", 64, 80), "fill-100x100", 64, 64);
        assertSize(images.create("Exact", 320, 100), "fill-320x100", 320, 100);
    }

    private static void assertSize(int id, String spec, int width, int height) {
        Map<String, Object> json = imageJson.rendition(id, spec);
        assertEquals(width, json.get("width"), spec);
        assertEquals(height, json.get("height"), spec);
        BufferedImage file = TestImages.decode(backend.getBytes((String) json.get("url")).body());
        assertEquals(width, file.getWidth(), spec);
        assertEquals(height, file.getHeight(), spec);
    }

    @Test
    void cropFollowsTheFocalPointAndOtherwiseTheCentre() {
        // A red mark near the left edge of a wide original: a centred square crop misses it, a focal crop holds it.
        int centred = images.create("Mark centred", 1200, 400, "png", 100, 200, 60, null);
        int focal = images.create("Mark focal", 1200, 400, "png", 100, 200, 60, new FocalPoint(100, 200, 60, 60));
        BufferedImage withoutFocus = fetch(imageJson.rendition(centred, "fill-100x100"));
        BufferedImage withFocus = fetch(imageJson.rendition(focal, "fill-100x100"));
        assertEquals(100, withFocus.getWidth());
        assertEquals(100, withFocus.getHeight());
        assertFalse(containsRed(withoutFocus), "a centred crop of 400x400 starts at x=400");
        // The box is clamped to the left edge (x 0..400), so the mark at x=100 sits at a quarter of the width.
        assertTrue(TestImages.isRed(withFocus.getRGB(25, 50)));
        assertFalse(TestImages.isRed(withFocus.getRGB(75, 50)));
        String focalUrl = (String) imageJson.rendition(focal, "fill-100x100").get("url");
        assertFalse(focalUrl.contains("2e16d0ba"), "a focal point gives its own cache key: " + focalUrl);
    }

    @Test
    void pngStaysPng() {
        int id = images.create("Diagram", 800, 600, "png", 400, 300, 10, null);
        Map<String, Object> json = imageJson.rendition(id, "fill-480x270");
        assertTrue(((String) json.get("url")).endsWith(".fill-480x270.png"));
        HttpResponse<byte[]> served = backend.getBytes((String) json.get("url"));
        assertEquals("image/png", served.headers().firstValue("content-type").orElseThrow());
        assertEquals(480, TestImages.decode(served.body()).getWidth());
    }

    @Test
    void secondUseReusesTheStoredRenditionWithoutRenderingAgain() throws Exception {
        int id = images.create("Reused", 1000, 1000);
        Map<String, Object> first = imageJson.rendition(id, "fill-480x270");
        Path file = backend.mediaRoot().resolve(((String) first.get("url")).substring("/media/".length()));
        byte[] bytes = Files.readAllBytes(file);
        // Break the original: rendering again would now fail, so an equal answer proves the cache was used.
        Files.writeString(backend.mediaRoot().resolve(repository.find(id).orElseThrow().file()), "not an image");
        assertEquals(first, imageJson.rendition(id, "fill-480x270"));
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(1, images.count("SELECT count(*) FROM image_rendition WHERE image_id = " + id));
        // A spec not rendered yet now reports the broken source.
        assertEquals(Map.of("error", "SourceImageIOError"), imageJson.rendition(id, "fill-100x100"));
    }

    @Test
    void concurrentFirstRequestsFromTwoProcessesGiveOneRowAndOneIntactFile() throws Exception {
        int id = images.create("Contended", 3000, 2000);
        // Two Renditions objects stand for two backend processes sharing the database and the storage.
        List<ImageJson> processes = List.of(json(new Renditions(repository, storage, RENDER_WAIT)),
                json(new Renditions(repository, storage, RENDER_WAIT)));
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ImageJson process = processes.get(i % 2);
            Callable<Map<String, Object>> call = () -> {
                go.await();
                return process.rendition(id, "fill-1600x500");
            };
            answers.add(pool.submit(call));
        }
        go.countDown();
        Set<Map<String, Object>> distinct = new HashSet<>();
        for (Future<Map<String, Object>> answer : answers) {
            distinct.add(answer.get());
        }
        pool.shutdown();
        assertEquals(1, distinct.size(), "every request got the same rendition: " + distinct);
        Map<String, Object> json = distinct.iterator().next();
        assertEquals(1600, json.get("width"));
        assertEquals(1, images.count("SELECT count(*) FROM image_rendition WHERE image_id = " + id));
        BufferedImage file = TestImages.decode(backend.getBytes((String) json.get("url")).body());
        assertEquals(1600, file.getWidth());
        assertEquals(500, file.getHeight());
        try (var leftovers = Files.list(backend.mediaRoot().resolve("images"))) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temp files left");
        }
    }

    @Test
    void noImageGivesNullAndAMissingOriginalGivesTheErrorObject() {
        assertNull(imageJson.rendition(null, "fill-480x270"));
        assertNull(imageJson.rendition(999_999, "fill-480x270"));
        int lost = images.insert("Lost", "original_images/never-uploaded.jpg", 800, 600, null, "", new String[0]);
        assertEquals(Map.of("error", "SourceImageIOError"), imageJson.rendition(lost, "fill-480x270"));
        int notAnImage = images.insert("Text", "original_images/notes.jpg", 800, 600, null, "", new String[0]);
        storageWrite("original_images/notes.jpg", "plain text, not a JPEG");
        assertEquals(Map.of("error", "SourceImageIOError"), imageJson.rendition(notAnImage, "fill-480x270"));
    }

    @Test
    void aLostRenditionFileIsRecreatedWhenRequested() throws Exception {
        int id = images.create("Lost rendition", 900, 900);
        String url = (String) imageJson.rendition(id, "fill-100x100").get("url");
        Path file = backend.mediaRoot().resolve(url.substring("/media/".length()));
        Files.delete(file);
        HttpResponse<byte[]> served = backend.getBytes(url);
        assertEquals(200, served.statusCode());
        assertEquals(100, TestImages.decode(served.body()).getWidth());
        assertTrue(Files.exists(file));
    }

    private static void storageWrite(String path, String content) {
        try {
            storage.write(path, content.getBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage fetch(Map<String, Object> json) {
        return TestImages.decode(backend.getBytes((String) json.get("url")).body());
    }

    private static boolean containsRed(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (TestImages.isRed(image.getRGB(x, y))) {
                    return true;
                }
            }
        }
        return false;
    }
}
