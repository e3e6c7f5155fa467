package org.openvault.backend.images;

import java.awt.image.BufferedImage;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.keys;

/**
 * Image fields of exhibits, collections and authors as the site reads them: each field with its rendition spec
 * (the sizes the original site asks for), served files of exactly that size, and null once the image is deleted
 * (ON DELETE SET NULL).
 * Its pages exist only while this class runs, so other contract tests see their own fixture unchanged.
 */
class ImagesInPagesTest {

    private static final String MEDIA_BASE = "http://localhost:8000"; // ov.media.base-url of application.yaml

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static int exhibit;
    private static int collection;
    private static long author;
    private static int portrait;

    @BeforeAll
    static void insertImagesAndPages() {
        TestImages images = new TestImages(backend.db(), backend.mediaRoot());
        int cover = images.create("Crew on location", 2400, 1600);
        int hero = images.create("GBH mural", 3200, 1200);
        int otherCover = images.create("Say Brother set", 1000, 500);
        int doomed = images.create("Doomed", 500, 500);
        portrait = images.create("Jane", 400, 400, "png", 200, 200, 10, null);
        backend.db().execute("UPDATE image SET description = 'Jane Doe, historian' WHERE id = " + portrait,
                page("img-exhibit", "exhibits.ExhibitPage"),
                page("img-other", "exhibits.ExhibitPage"),
                page("img-doomed", "exhibits.ExhibitPage"),
                page("img-collection", "ov_collections.Collection"),
                "INSERT INTO exhibit (page_id, cover_image_id, hero_image_id) SELECT id, " + cover + ", " + hero
                        + " FROM page WHERE slug = 'img-exhibit'",
                "INSERT INTO exhibit (page_id, cover_image_id) SELECT id, " + otherCover + " FROM page WHERE slug = 'img-other'",
                "INSERT INTO exhibit (page_id, cover_image_id, hero_image_id) SELECT id, " + doomed + ", " + doomed
                        + " FROM page WHERE slug = 'img-doomed'",
                "INSERT INTO collection (page_id, cover_image_id, hero_image_id) SELECT id, " + cover + ", " + hero
                        + " FROM page WHERE slug = 'img-collection'",
                "INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order)"
                        + " SELECT s.id, d.id, 0 FROM page s, page d WHERE s.slug = 'img-exhibit' AND d.slug = 'img-other'",
                "INSERT INTO author (name, image_id) VALUES ('Img Author', " + portrait + ")",
                "INSERT INTO exhibit_author (page_id, author_id, sort_order) SELECT p.id, a.id, 0"
                        + " FROM page p, author a WHERE p.slug = 'img-exhibit' AND a.name = 'Img Author'");
        exhibit = backend.getJson("/api/v2/pages/?slug=img-exhibit").at("/items/0/id").asInt();
        collection = backend.getJson("/api/v2/pages/?slug=img-collection").at("/items/0/id").asInt();
        author = images.count("SELECT id FROM author WHERE name = 'Img Author'");
    }

    private static String page(String slug, String type) {
        return "INSERT INTO page (type, slug, title, live, first_published_at, last_published_at, parent_id)"
                + " VALUES ('" + type + "', '" + slug + "', 'Title " + slug + "', true, now(), now(), 3)";
    }

    @AfterAll
    static void deletePages() {
        backend.db().execute("DELETE FROM page WHERE slug LIKE 'img-%'", "DELETE FROM author WHERE name = 'Img Author'");
    }

    @Test
    void exhibitDetailCarriesEveryRendition() {
        JsonNode detail = backend.getJson("/api/v2/exhibits/" + exhibit + "/");
        rendition(detail.get("cover_image"), "fill-1920x1080", 1920, 1080, "Crew on location");
        rendition(detail.get("cover_thumb"), "fill-480x270", 480, 270, "Crew on location");
        rendition(detail.get("hero_image"), "fill-1600x500", 1600, 500, "GBH mural");
        rendition(detail.get("hero_thumb"), "fill-480x270", 480, 270, "GBH mural");
        rendition(detail.at("/authors/0/image"), "fill-100x100", 100, 100, "Jane Doe, historian");
        assertTrue(detail.at("/authors/0/image/url").asText().endsWith(".png"), "PNG stays PNG");
        // A 1000x500 original gives 320x100: cropped to 3.2:1 (1000x313) and scaled down.
        rendition(detail.at("/other_exhibits/0/cover_image"), "fill-320x100", 320, 100, "Say Brother set");
    }

    @Test
    void exhibitListingAndCollectionDetailToo() {
        JsonNode item = backend.getJson("/api/v2/exhibits/?slug=img-exhibit").at("/items/0");
        rendition(item.get("cover_image"), "fill-1920x1080", 1920, 1080, "Crew on location");
        rendition(item.get("hero_thumb"), "fill-480x270", 480, 270, "GBH mural");
        JsonNode detail = backend.getJson("/api/v2/collections/" + collection + "/");
        rendition(detail.get("cover_image"), "fill-1920x1080", 1920, 1080, "Crew on location");
        rendition(detail.get("hero_image"), "fill-1600x500", 1600, 500, "GBH mural");
        rendition(detail.get("hero_thumb"), "fill-480x270", 480, 270, "GBH mural");
        JsonNode listed = backend.getJson("/api/v2/collections/?slug=img-collection").at("/items/0");
        rendition(listed.get("hero_image"), "fill-1600x500", 1600, 500, "GBH mural");
    }

    @Test
    void authorsEndpointCarriesTheNestedImageReference() {
        JsonNode image = backend.getJson("/api/v2/authors/" + author + "/").get("image");
        keys(image, "id", "meta", "title");
        keys(image.get("meta"), "type", "detail_url", "download_url");
        assertEquals(portrait, image.get("id").asInt());
        assertEquals("wagtailimages.Image", image.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/images/" + portrait + "/", image.at("/meta/detail_url").asText());
        assertEquals("Jane", image.get("title").asText());
        String download = image.at("/meta/download_url").asText();
        assertTrue(download.startsWith("/media/original_images/"), download);
        assertEquals(400, TestImages.decode(backend.getBytes(download).body()).getWidth());
    }

    @Test
    void anEditedImageShowsInTheVeryNextAnswerOfAPageThatUsesIt() {
        String detail = "/api/v2/collections/" + collection + "/";
        assertEquals("GBH mural", backend.getJson(detail).at("/hero_image/alt").asText());
        try {
            backend.db().execute("UPDATE image SET title = 'GBH mural, restored' WHERE title = 'GBH mural'");
            JsonNode changed = backend.getJson(detail);
            assertEquals("GBH mural, restored", changed.at("/hero_image/alt").asText(), "the page answer after the edit");
            assertEquals("GBH mural, restored", backend.getJson(detail).at("/hero_image/alt").asText(), "and it stays");
        } finally {
            backend.db().execute("UPDATE image SET title = 'GBH mural' WHERE title = 'GBH mural, restored'");
        }
        assertEquals("GBH mural", backend.getJson(detail).at("/hero_image/alt").asText());
    }

    @Test
    void deletingAnImageEmptiesTheFieldsThatUsedIt() {
        int doomed = backend.getJson("/api/v2/pages/?slug=img-doomed").at("/items/0/id").asInt();
        assertTrue(backend.getJson("/api/v2/exhibits/" + doomed + "/").get("cover_image").isObject());
        backend.db().execute("DELETE FROM image WHERE title = 'Doomed'");
        JsonNode detail = backend.getJson("/api/v2/exhibits/" + doomed + "/");
        isNull(detail.get("cover_image"));
        isNull(detail.get("cover_thumb"));
        isNull(detail.get("hero_image"));
        isNull(detail.get("hero_thumb"));
    }

    private static void rendition(JsonNode json, String spec, int width, int height, String alt) {
        keys(json, "url", "full_url", "width", "height", "alt");
        String url = json.get("url").asText();
        assertTrue(url.startsWith("/media/images/") && url.contains("." + spec + "."), url);
        assertEquals(MEDIA_BASE + url, json.get("full_url").asText());
        assertEquals(width, json.get("width").asInt(), spec);
        assertEquals(height, json.get("height").asInt(), spec);
        assertEquals(alt, json.get("alt").asText());
        BufferedImage file = TestImages.decode(backend.getBytes(url).body());
        assertEquals(List.of(width, height), List.of(file.getWidth(), file.getHeight()), url);
    }
}
