package org.openvault.backend.exhibits;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.isBool;
import static org.openvault.backend.JsonAssert.isInt;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.isText;
import static org.openvault.backend.JsonAssert.isTimestamp;
import static org.openvault.backend.JsonAssert.keys;
import static org.openvault.backend.JsonAssert.texts;

/** The exhibits endpoint, key by key. */
class ExhibitsApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static int featuredNew;

    @BeforeAll
    static void lookUpPageIds() {
        featuredNew = ContentFixture.id(backend.db(), "ex-featured-new");
    }

    @Test
    void listingItemsHaveTheOriginalKeysInOrder() {
        JsonNode body = backend.getJson("/api/v2/exhibits/");
        keys(body, "meta", "items");
        keys(body.get("meta"), "total_count");
        assertEquals(ContentFixture.LIVE_EXHIBITS_IN_ORDER.size(), body.at("/meta/total_count").asInt());
        JsonNode item = body.at("/items/0");
        keys(item, "id", "meta", "title", "cover_image", "cover_thumb", "hero_image", "hero_thumb", "authors");
        keys(item.get("meta"), "type", "detail_url", "html_url", "slug", "first_published_at", "last_published_at", "featured");
        isInt(item.get("id"));
        assertEquals("exhibits.ExhibitPage", item.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/exhibits/" + featuredNew + "/", item.at("/meta/detail_url").asText());
        assertEquals("http://localhost/ex-featured-new/", item.at("/meta/html_url").asText());
        assertEquals("2021-05-21T14:03:11.512349Z", item.at("/meta/first_published_at").asText());
        assertEquals("2025-01-14T21:30:02.004512Z", item.at("/meta/last_published_at").asText());
        isBool(item.at("/meta/featured"));
        isText(item.get("title"));
        isNull(item.get("cover_image"));
        isNull(item.get("hero_thumb"));
        keys(item.at("/authors/0"), "id", "meta", "author_id", "name", "image", "bio");
    }

    @Test
    void defaultOrderIsFeaturedFirstThenNewestPublished() {
        JsonNode items = backend.getJson("/api/v2/exhibits/?fields=_,slug").get("items");
        assertEquals(ContentFixture.LIVE_EXHIBITS_IN_ORDER, texts(items, "/meta/slug"));
    }

    @Test
    void onlyLivePagesAreListedOrServed() {
        assertFalse(texts(backend.getJson("/api/v2/exhibits/?limit=999999").get("items"), "/meta/slug").contains("ex-draft"));
        int draft = ContentFixture.id(backend.db(), "ex-draft");
        assertEquals(404, backend.get("/api/v2/exhibits/" + draft + "/").statusCode());
        assertEquals(0, backend.getJson("/api/v2/pages/?slug=ex-draft").at("/meta/total_count").asInt());
    }

    @Test
    void detailHasEveryKeyInOrderWithAndWithoutTrailingSlash() {
        JsonNode detail = backend.getJson("/api/v2/exhibits/" + featuredNew);
        assertEquals(detail, backend.getJson("/api/v2/exhibits/" + featuredNew + "/"));
        keys(detail, "id", "meta", "title", "body", "cover_image", "cover_thumb", "hero_image", "hero_thumb",
                "authors", "footnotes", "other_exhibits", "related_exhibits");
        keys(detail.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                "search_description", "first_published_at", "alias_of", "parent", "last_published_at", "featured");
        JsonNode meta = detail.get("meta");
        assertTrue(meta.get("show_in_menus").asBoolean());
        assertEquals("SEO Featured", meta.get("seo_title").asText());
        assertEquals("Interviews and footage.", meta.get("search_description").asText());
        isTimestamp(meta.get("first_published_at"));
        isNull(meta.get("alias_of"));
        keys(meta.get("parent"), "id", "meta", "title");
        assertEquals(3, meta.at("/parent/id").asInt());
        keys(meta.at("/parent/meta"), "type", "detail_url", "html_url");
        assertEquals("home.HomePage", meta.at("/parent/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/pages/3/", meta.at("/parent/meta/detail_url").asText(),
                "generic pages point at the pages endpoint, not health");
        assertEquals("http://localhost/", meta.at("/parent/meta/html_url").asText());
        assertEquals("Home", meta.at("/parent/title").asText());
    }

    @Test
    void bodyBlocksComeOutInStoredFormWithAapbDefaults() {
        JsonNode body = backend.getJson("/api/v2/exhibits/" + featuredNew + "/").get("body");
        assertEquals(List.of("heading", "text", "interviews", "archival_footage", "photographs", "original_footage",
                "programs", "related_content", "subheading", "html", "credits"), texts(body, "/type"));
        for (JsonNode block : body) {
            keys(block, "type", "value", "id");
            isText(block.get("id"));
        }
        assertEquals("<p data-block-key=\"a8k3j\">Interviews<footnote id=\"3fa85f64-5717-4562-b3fc-2c963f66afa6\">[3fa85f]</footnote>."
                        + " See <a id=\"15\" linktype=\"page\">Say Brother</a>.</p><embed alt=\"Crew\" embedtype=\"image\" format=\"fullwidth\" id=\"44\"/>",
                body.at("/1/value").asText(), "rich text exactly as stored");
        JsonNode interviews = body.at("/2/value");
        keys(interviews, "guids", "special_collections", "show_title", "show_thumbnail", "show_sidebar", "title",
                "start_time", "end_time", "access_level");
        assertEquals("cpb-aacip-15-1r6n00zw3d", interviews.at("/guids/1").asText());
        assertEquals("90.0", interviews.get("start_time").asText());
        assertFalse(interviews.get("show_thumbnail").asBoolean());
        JsonNode defaults = body.at("/5/value");
        keys(defaults, "guids", "special_collections", "show_title", "show_thumbnail", "show_sidebar", "title",
                "start_time", "end_time", "access_level");
        assertEquals("", defaults.get("special_collections").asText());
        assertTrue(defaults.get("show_title").asBoolean() && defaults.get("show_thumbnail").asBoolean()
                && defaults.get("show_sidebar").asBoolean());
        assertEquals("", defaults.get("title").asText());
        isNull(defaults.get("start_time"));
        assertEquals("online", defaults.get("access_level").asText());
        isText(body.at("/9/value"));
    }

    @Test
    void authorsAreOrderedBySortOrder() {
        JsonNode authors = backend.getJson("/api/v2/exhibits/" + featuredNew + "/").get("authors");
        assertEquals(List.of("Bob Broadcaster", "Alice Archivist"), texts(authors, "/name"));
        JsonNode alice = authors.get(1);
        keys(alice, "id", "meta", "author_id", "name", "image", "bio");
        keys(alice.get("meta"), "type");
        assertEquals("authors.AuthorsOrderable", alice.at("/meta/type").asText());
        isInt(alice.get("id"));
        isInt(alice.get("author_id"));
        isNull(alice.get("image"));
        assertEquals("<p data-block-key=\"a1\">Alice keeps the <i>archive</i>.</p>", alice.get("bio").asText());
    }

    @Test
    void footnotesAreOrderedBySortOrder() {
        JsonNode footnotes = backend.getJson("/api/v2/exhibits/" + featuredNew + "/").get("footnotes");
        assertEquals(List.of(ContentFixture.FOOTNOTE_1, ContentFixture.FOOTNOTE_2), texts(footnotes, "/uuid"));
        keys(footnotes.get(0), "id", "uuid", "text");
        isInt(footnotes.at("/0/id"));
        assertEquals("<p data-block-key=\"f1\">GBH Archives, box 12.</p>", footnotes.at("/0/text").asText());
    }

    @Test
    void otherAndRelatedExhibitsSkipUnpublishedOnesAndKeepOrder() {
        JsonNode detail = backend.getJson("/api/v2/exhibits/" + featuredNew + "/");
        JsonNode others = detail.get("other_exhibits");
        assertEquals(List.of("Plain New", "Featured Old"), texts(others, "/title"));
        keys(others.get(0), "exhibit_id", "title", "cover_image");
        assertEquals(ContentFixture.id(backend.db(), "ex-plain-new"), others.at("/0/exhibit_id").asInt());
        JsonNode related = detail.get("related_exhibits");
        assertEquals(List.of("ex-plain-new", "ex-featured-old"), texts(related, "/meta/slug"));
        keys(related.get(0), "id", "meta", "title", "cover_image", "cover_thumb", "hero_image", "hero_thumb");
        keys(related.at("/0/meta"), "type", "detail_url", "html_url", "slug", "first_published_at",
                "last_published_at", "featured");
        assertEquals("http://localhost/ex-plain-new/", related.at("/0/meta/html_url").asText());
        assertEquals(0, backend.getJson("/api/v2/exhibits/" + ContentFixture.id(backend.db(), "ex-plain-old") + "/")
                .get("related_exhibits").size(), "present even when empty");
    }

    @Test
    void detailAppliesFieldFilters() {
        assertEquals(200, backend.get("/api/v2/exhibits/" + featuredNew + "/?featured=true").statusCode());
        int plain = ContentFixture.id(backend.db(), "ex-plain-new");
        assertEquals(404, backend.get("/api/v2/exhibits/" + plain + "/?featured=true").statusCode());
        assertEquals(404, backend.get("/api/v2/collections/" + featuredNew + "/").statusCode(),
                "an exhibit is not a collection");
    }

    @Test
    void fieldsParameterSelectsAddsRemovesAndNests() {
        JsonNode only = backend.getJson("/api/v2/exhibits/?fields=_,title&limit=1").at("/items/0");
        keys(only, "title");
        JsonNode added = backend.getJson("/api/v2/exhibits/?fields=footnotes,-authors,-hero_thumb&limit=1").at("/items/0");
        keys(added, "id", "meta", "title", "cover_image", "cover_thumb", "hero_image", "footnotes");
        JsonNode nested = backend.getJson("/api/v2/exhibits/" + featuredNew + "/?fields=_,authors(_,name)");
        keys(nested, "authors");
        keys(nested.at("/authors/0"), "name");
        JsonNode all = backend.getJson("/api/v2/exhibits/?fields=*&limit=1").at("/items/0");
        keys(all, "id", "meta", "title", "body", "cover_image", "cover_thumb", "hero_image", "hero_thumb",
                "authors", "footnotes", "other_exhibits", "related_exhibits");
        keys(all.get("meta"), "type", "detail_url", "html_url", "slug", "show_in_menus", "seo_title",
                "search_description", "first_published_at", "alias_of", "locale", "last_published_at", "featured");
        keys(backend.getJson("/api/v2/exhibits/?fields=_,slug,featured&limit=1").at("/items/0"), "meta");
    }

    @Test
    void filtersBySlugFeaturedAndOrdersByFields() {
        JsonNode bySlug = backend.getJson("/api/v2/exhibits/?slug=ex-plain-old");
        assertEquals(1, bySlug.at("/meta/total_count").asInt());
        assertEquals("Plain Old", bySlug.at("/items/0/title").asText());
        assertEquals(List.of("ex-featured-new", "ex-featured-old"),
                texts(backend.getJson("/api/v2/exhibits/?featured=true").get("items"), "/meta/slug"));
        assertEquals(List.of("Child Exhibit", "Featured New", "Featured Old", "Never Published", "Plain New", "Plain Old"),
                texts(backend.getJson("/api/v2/exhibits/?order=title").get("items"), "/title"));
        assertEquals(List.of("Plain Old", "Plain New", "Never Published", "Featured Old", "Featured New", "Child Exhibit"),
                texts(backend.getJson("/api/v2/exhibits/?order=-title").get("items"), "/title"));
        // An explicit order follows PostgreSQL (and the original): descending puts never-published pages first.
        assertEquals(List.of("ex-featured-new", "ex-featured-old", "ex-never", "ex-plain-new", "ex-plain-old", "ex-child"),
                texts(backend.getJson("/api/v2/exhibits/?order=-featured,-last_published_at").get("items"), "/meta/slug"));
    }

    @Test
    void findRedirectsToTheDetailKeepingOtherParameters() {
        var response = backend.get("/api/v2/exhibits/find/?id=" + featuredNew + "&fields=title");
        assertEquals(302, response.statusCode());
        assertEquals(RunningBackend.API_URL + "/api/v2/exhibits/" + featuredNew + "/?fields=title",
                response.headers().firstValue("location").orElseThrow());
        var missing = backend.get("/api/v2/exhibits/find/?id=999999");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"not found\"}", missing.body());
    }
}
