package org.openvault.backend.preview;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvault.backend.JsonAssert.keys;
import static org.openvault.backend.JsonAssert.texts;

/** Draft preview: signed, expiring tokens; 4xx JSON instead of the original's 500s. */
class PagePreviewApiTest {

    private static final byte[] SECRET = RunningBackend.PREVIEW_SECRET.getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static String exhibitToken;
    private static String collectionToken;
    private static String expiredToken;

    @BeforeAll
    static void storeDraftPreviews() {
        PreviewTokens tokens = new PreviewTokens(SECRET, Duration.ofDays(1), Clock.systemUTC());
        int exhibit = ContentFixture.id(backend.db(), "ex-featured-new");
        exhibitToken = tokens.sign("id=" + exhibit);
        collectionToken = tokens.sign("parent_id=3;page_type=ov_collections.Collection");
        expiredToken = new PreviewTokens(SECRET, Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC)).sign("id=" + exhibit);
        String exhibitJson = """
                {"id": %d, "title": "Draft Title", "slug": "ex-featured-new", "parent_id": 3, "seo_title": "",
                 "search_description": "Draft description", "show_in_menus": false,
                 "first_published_at": "2021-05-21T14:03:11.512349Z", "featured": true,
                 "body": [{"type": "heading", "value": "<p data-block-key=\\"d1\\">Draft heading</p>", "id": "d-1"},
                          {"type": "programs", "value": {"guids": "cpb-aacip-15-x cpb-aacip-15-y"}, "id": "d-2"}],
                 "cover_image_id": null, "hero_image_id": null,
                 "authors": [{"author_id": %d}],
                 "footnotes": [{"uuid": "%s", "text": "<p>Note</p>"}],
                 "other_exhibits": [{"exhibit_id": %d}, {"exhibit_id": %d}]}
                """.formatted(exhibit, authorId("Alice Archivist"), ContentFixture.FOOTNOTE_1,
                ContentFixture.id(backend.db(), "ex-plain-old"), ContentFixture.id(backend.db(), "ex-draft"));
        backend.db().execute("INSERT INTO page_preview (token, content_type, content_json) VALUES ('" + exhibitToken
                        + "', 'exhibits.ExhibitPage', '" + exhibitJson.replace("'", "''") + "')",
                "INSERT INTO page_preview (token, content_type, content_json) VALUES ('" + collectionToken
                        + "', 'ov_collections.Collection', '{\"id\": 0, \"title\": \"New collection\", \"slug\": \"new\","
                        + " \"parent_id\": 3, \"introduction\": \"<p>Intro</p>\", \"content\": []}')",
                "INSERT INTO page_preview (token, content_type, content_json) VALUES ('" + expiredToken
                        + "', 'exhibits.ExhibitPage', '{\"id\": 1, \"title\": \"Old\"}')");
    }

    private static long authorId(String name) {
        try (var c = backend.db().connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT id FROM author WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> preview(String contentType, String token) {
        return backend.get("/api/v2/page_preview/" + token.split(":")[0].replace("id=", "") + "/?content_type="
                + contentType + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&format=json");
    }

    @Test
    void exhibitDraftInThePagesDetailShapeWithEitherTypeSpelling() {
        for (String type : new String[] {"exhibits.exhibitpage", "exhibits.ExhibitPage"}) {
            HttpResponse<String> response = preview(type, exhibitToken);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = RunningBackend.json(response);
            keys(page, "id", "meta", "title", "body", "cover_image", "cover_thumb", "hero_image", "hero_thumb",
                    "authors", "footnotes", "other_exhibits", "related_exhibits");
            keys(page.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                    "search_description", "first_published_at", "alias_of", "parent");
            assertEquals("exhibits.ExhibitPage", page.at("/meta/type").asText());
            assertEquals("Draft Title", page.get("title").asText());
            assertEquals("Draft description", page.at("/meta/search_description").asText());
            assertEquals("http://localhost/ex-featured-new/", page.at("/meta/html_url").asText());
            assertEquals("Draft heading", page.at("/body/0/value").asText().replaceAll("<[^>]+>", ""));
            assertEquals("cpb-aacip-15-y", page.at("/body/1/value/guids/1").asText());
            assertEquals("Alice Archivist", page.at("/authors/0/name").asText());
            assertEquals(ContentFixture.FOOTNOTE_1, page.at("/footnotes/0/uuid").asText());
            assertEquals(java.util.List.of("Plain Old"), texts(page.get("other_exhibits"), "/title"),
                    "unpublished other exhibits are left out");
        }
    }

    @Test
    void newCollectionDraft() {
        HttpResponse<String> response = preview("ov_collections.collection", collectionToken);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = RunningBackend.json(response);
        keys(page, "id", "meta", "title", "introduction", "cover_image", "hero_image", "hero_thumb", "content");
        assertEquals(0, page.get("id").asInt());
        assertEquals("<p>Intro</p>", page.get("introduction").asText());
    }

    @Test
    void refusedTokensAndBadParametersAreClearJsonErrors() {
        assertError(backend.get("/api/v2/page_preview/1/"), 400, "content_type and token are required");
        assertError(backend.get("/api/v2/page_preview/1/?content_type=exhibits.exhibitpage"), 400,
                "content_type and token are required");
        assertError(preview("wagtailcore.page", exhibitToken), 400, "content_type doesn't exist");
        String forged = exhibitToken.substring(0, exhibitToken.lastIndexOf(':') + 1) + "AAAA";
        assertError(preview("exhibits.exhibitpage", forged), 403, "preview token is invalid");
        assertError(preview("exhibits.exhibitpage", "id=1"), 403, "preview token is invalid");
        assertError(preview("exhibits.exhibitpage", expiredToken), 403, "preview token has expired");
        String otherSecret = new PreviewTokens("another".getBytes(StandardCharsets.UTF_8), Duration.ofDays(1),
                Clock.systemUTC()).sign("id=1");
        assertError(preview("exhibits.exhibitpage", otherSecret), 403, "preview token is invalid");
        String unstored = new PreviewTokens(SECRET, Duration.ofDays(1), Clock.systemUTC()).sign("id=424242");
        assertError(preview("exhibits.exhibitpage", unstored), 404, "preview not found");
        assertError(preview("ov_collections.Collection", exhibitToken), 404, "preview not found");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("{\"message\":\"" + message + "\"}", response.body());
    }
}
