package org.openvault.backend.pages;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.isInt;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.keys;
import static org.openvault.backend.JsonAssert.texts;

/** The generic pages endpoint: the site's slug lookup, tree filters, type switch. */
class PagesApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @Test
    void slugLookupAnswersTheOriginalShape() {
        HttpResponse<String> response = backend.get("/api/v2/pages/?slug=col-a");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode body = RunningBackend.json(response);
        keys(body, "meta", "items");
        assertEquals(1, body.at("/meta/total_count").asInt());
        JsonNode item = body.at("/items/0");
        keys(item, "id", "meta", "title");
        keys(item.get("meta"), "type", "detail_url", "html_url", "slug", "first_published_at");
        assertEquals(ContentFixture.id(backend.db(), "col-a"), item.get("id").asInt());
        assertEquals("ov_collections.Collection", item.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/pages/" + item.get("id").asInt() + "/", item.at("/meta/detail_url").asText());
    }

    @Test
    void unknownAndDraftSlugsGiveZeroCountAndEmptyItems() {
        for (String slug : List.of("no-such-page", "ex-draft")) {
            JsonNode body = backend.getJson("/api/v2/pages/?slug=" + slug);
            assertEquals(0, body.at("/meta/total_count").asInt());
            assertTrue(body.get("items").isArray());
            assertEquals(0, body.get("items").size());
        }
    }

    @Test
    void listsWithAndWithoutTrailingSlashInTreeOrderFromHome() {
        assertEquals(200, backend.get("/api/v2/pages").statusCode());
        JsonNode items = backend.getJson("/api/v2/pages/?limit=999999").get("items");
        assertEquals(3, items.at("/0/id").asInt(), "Home first; the root is not part of the site");
        assertFalse(texts(items, "/meta/slug").contains("root"));
    }

    @Test
    void homeDetailAsTheOriginalSeedsIt() {
        JsonNode home = backend.getJson("/api/v2/pages/3/");
        keys(home, "id", "meta", "title", "body");
        keys(home.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                "search_description", "first_published_at", "alias_of", "parent");
        assertEquals("home.HomePage", home.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/pages/3/", home.at("/meta/detail_url").asText());
        assertEquals("http://localhost/", home.at("/meta/html_url").asText());
        assertEquals("home", home.at("/meta/slug").asText());
        isNull(home.at("/meta/first_published_at"));
        isNull(home.at("/meta/parent"));
        assertEquals("Home", home.get("title").asText());
    }

    @Test
    void detailOfATypedPageHasItsFieldsButNotTheEndpointOnlyMeta() {
        int id = ContentFixture.id(backend.db(), "ex-featured-new");
        JsonNode page = backend.getJson("/api/v2/pages/" + id);
        keys(page, "id", "meta", "title", "body", "cover_image", "cover_thumb", "hero_image", "hero_thumb",
                "authors", "footnotes", "other_exhibits", "related_exhibits");
        keys(page.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                "search_description", "first_published_at", "alias_of", "parent");
        assertEquals(RunningBackend.API_URL + "/api/v2/exhibits/" + id + "/", page.at("/meta/detail_url").asText());
        assertEquals(404, backend.get("/api/v2/pages/1/").statusCode(), "the root is not public");
    }

    @Test
    void typeSwitchesToThatModelsFields() {
        JsonNode body = backend.getJson("/api/v2/pages/?type=exhibits.exhibitpage&fields=featured,cover_image&featured=true");
        assertEquals(List.of("ex-featured-old", "ex-featured-new"), texts(body.get("items"), "/meta/slug"));
        JsonNode item = body.at("/items/0");
        keys(item, "id", "meta", "title", "cover_image");
        assertTrue(item.at("/meta/detail_url").asText().contains("/api/v2/exhibits/"));
        JsonNode two = backend.getJson("/api/v2/pages/?type=exhibits.ExhibitPage,ov_collections.Collection&limit=0");
        assertEquals(8, two.at("/meta/total_count").asInt());
    }

    @Test
    void treeFilters() {
        int colB = ContentFixture.id(backend.db(), "col-b");
        assertEquals(List.of("ex-child"), texts(backend.getJson("/api/v2/pages/?child_of=" + colB).get("items"), "/meta/slug"));
        assertEquals(List.of("ex-child"), texts(backend.getJson("/api/v2/pages/?descendant_of=" + colB).get("items"), "/meta/slug"));
        assertEquals(List.of("home", "col-b"), texts(backend.getJson("/api/v2/pages/?ancestor_of="
                + ContentFixture.id(backend.db(), "ex-child")).get("items"), "/meta/slug"));
        JsonNode rootChildren = backend.getJson("/api/v2/pages/?child_of=root&limit=999999").get("items");
        assertFalse(texts(rootChildren, "/meta/slug").contains("ex-child"));
        assertTrue(texts(rootChildren, "/meta/slug").contains("col-b"));
    }

    @Test
    void findByIdAndByPath() {
        int id = ContentFixture.id(backend.db(), "col-a");
        HttpResponse<String> byId = backend.get("/api/v2/pages/find/?id=" + id);
        assertEquals(302, byId.statusCode());
        assertEquals(RunningBackend.API_URL + "/api/v2/pages/" + id + "/", byId.headers().firstValue("location").orElseThrow());
        HttpResponse<String> byPath = backend.get("/api/v2/pages/find/?html_path=/col-b/ex-child/");
        assertEquals(RunningBackend.API_URL + "/api/v2/pages/" + ContentFixture.id(backend.db(), "ex-child") + "/",
                byPath.headers().firstValue("location").orElseThrow());
        assertEquals(404, backend.get("/api/v2/pages/find/?html_path=/nope/").statusCode());
        isInt(backend.getJson("/api/v2/pages/?search=Featured&limit=1").at("/items/0/id"));
    }
}
