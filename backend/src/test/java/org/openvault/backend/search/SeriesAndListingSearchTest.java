package org.openvault.backend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/series/ over the migrated GBH series list, and ?search= on the Wagtail-style listings. */
class SeriesAndListingSearchTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @AfterAll
    static void removeSearchFixtures() {
        SearchApiTest.deleteFixtures();
    }

    @Test
    void listsAllSeriesAToZ() {
        JsonNode all = get("/api/v2/series/?per_page=all");
        assertEquals(1020, all.at("/meta/total_count").asInt());
        assertEquals(1020, all.get("items").size());
        List<String> titles = titles(all);
        assertEquals(titles.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), titles);
        JsonNode page = get("/api/v2/series/?per_page=20&page=2");
        assertEquals(51, page.at("/meta/page_count").asInt());
        assertEquals(titles.subList(20, 40), titles(page));
    }

    @Test
    void searchesTitlesWithTheQuerySyntax() {
        List<String> nova = titles(get("/api/v2/series/?q=nova&per_page=50"));
        assertTrue(nova.contains("NOVA"), nova.toString());
        assertTrue(nova.stream().allMatch(t -> t.toLowerCase().contains("nova")), nova.toString());
        assertEquals("NOVA", nova.getFirst());
        List<String> prefix = titles(get("/api/v2/series/?q=frontl&per_page=50"));
        assertTrue(prefix.stream().anyMatch(t -> t.startsWith("FRONTLINE")), prefix.toString());
        List<String> excluded = titles(get("/api/v2/series/?q=" + enc("frontline -special") + "&per_page=50"));
        assertTrue(excluded.stream().noneMatch(t -> t.toLowerCase().contains("special")), excluded.toString());
        assertTrue(excluded.size() < prefix.size());
        List<String> fuzzy = titles(get("/api/v2/series/?q=" + enc("frontlnie~2") + "&per_page=50"));
        assertTrue(fuzzy.stream().anyMatch(t -> t.startsWith("FRONTLINE")), fuzzy.toString());
    }

    @Test
    void hitsHighlightAndLinkToTheAmericanArchive() {
        JsonNode hit = get("/api/v2/series/?q=" + enc("\"Ten O'Clock News\"") + "&sort=az").at("/items/0");
        assertTrue(hit.get("title_highlighted").asText().contains("<mark>Ten</mark> <mark>O</mark>&#39;"),
                hit.toString());
        String title = hit.get("title").asText();
        String encoded = URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals("https://americanarchive.org/catalog?f%5Bseries_titles%5D%5B%5D=" + encoded
                + "&q=%2B%28contributing_organizations%3A%20WGBH%28MA%29%20OR%20producing_organizations%3A%20WGBH"
                + "%20Educational%20Foundation%29&f%5Baccess_types%5D%5B%5D=all", hit.get("aapb_url").asText());
        assertEquals("https://americanarchive.org/catalog?f%5Bseries_titles%5D%5B%5D=" + encoded
                + "&f%5Baccess_types%5D%5B%5D=all", hit.get("aapb_series_url").asText());
    }

    @Test
    void sortsAndRejectsBadParameters() {
        List<String> za = titles(get("/api/v2/series/?q=american&sort=gbh-series_seriestitle_desc&per_page=50"));
        assertEquals(za.stream().sorted(String.CASE_INSENSITIVE_ORDER.reversed()).toList(), za);
        for (String bad : List.of("sort=newest", "per_page=3", "page=x", "x=1")) {
            assertEquals(400, backend.get("/api/v2/series/?" + bad).statusCode(), bad);
        }
    }

    @Test
    void listingsSearchTheIndexInRelevanceOrderUnlessOrdered() throws SQLException {
        int bodyOnly = SearchApiTest.exhibit("listing-body", "Listing Axolotl Body", """
                [{"type": "text", "value": "<p>kinkajou kinkajou kinkajou</p>", "id": "1"}]""",
                false, true, "2024-02-01T00:00:00Z");
        int inTitle = SearchApiTest.collectionPage("listing-title", "Kinkajou Listing Title", "2020-02-01T00:00:00Z");
        assertEquals(List.of(inTitle, bodyOnly), ids(get("/api/v2/pages/?search=kinkajou")));
        assertEquals(List.of(inTitle, bodyOnly), ids(get("/api/v2/pages/?search=kinka")));
        assertEquals(List.of(bodyOnly, inTitle), ids(get("/api/v2/pages/?search=kinkajou&order=-first_published_at")));
        assertEquals(List.of(bodyOnly), ids(get("/api/v2/exhibits/?search=kinkajou")));
        assertEquals(List.of(inTitle), ids(get("/api/v2/collections/?search=kinkajou")));
        assertEquals(List.of(bodyOnly), ids(get("/api/v2/pages/?search=" + enc("kinkajou axolotl")
                + "&search_operator=and")));
        assertEquals(2, get("/api/v2/pages/?search=" + enc("kinkajou axolotl")).at("/meta/total_count").asInt());
        assertEquals(0, get("/api/v2/pages/?search=" + enc("(((")).at("/meta/total_count").asInt());
        backend.db().execute("UPDATE page SET live = false WHERE id = " + bodyOnly);
        assertEquals(List.of(inTitle), ids(get("/api/v2/pages/?search=kinkajou")));
    }

    /** Slices of a relevance-ordered listing, in the title tier, past it or across it, are cut from one order. */
    @Test
    void listingSlicesAreCutFromOneRelevanceOrder() throws SQLException {
        List<Integer> titles = new ArrayList<>();
        List<Integer> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String body = """
                    [{"type": "text", "value": "<p>%s</p>", "id": "1"}]""".formatted("cassowary ".repeat(i + 1));
            titles.add(SearchApiTest.exhibit("cassowary-title-" + i, "Cassowary Title " + i, body, false, true,
                    "2015-01-%02dT00:00:00Z".formatted(i + 1)));
            bodies.add(SearchApiTest.exhibit("emu-body-" + i, "Emu Body " + i, body, false, true,
                    "2016-01-%02dT00:00:00Z".formatted(i + 1)));
        }
        JsonNode whole = get("/api/v2/exhibits/?search=cassowary&limit=20");
        assertEquals(8, whole.at("/meta/total_count").asInt());
        List<Integer> order = ids(whole);
        assertEquals(Set.copyOf(titles), Set.copyOf(order.subList(0, 4)), order.toString());
        assertEquals(bodies.reversed(), order.subList(4, 8));
        for (int limit = 1; limit <= 5; limit++) {
            List<Integer> sliced = new ArrayList<>();
            for (int offset = 0; offset < 10; offset += limit) {
                JsonNode page = get("/api/v2/exhibits/?search=cassowary&limit=" + limit + "&offset=" + offset);
                assertEquals(8, page.at("/meta/total_count").asInt(), limit + "/" + offset);
                sliced.addAll(ids(page));
            }
            assertEquals(order, sliced, "limit " + limit);
        }
        assertEquals(8, get("/api/v2/exhibits/?search=cassowary&limit=0").at("/meta/total_count").asInt());
        assertEquals(List.of(bodies.get(3)), ids(get("/api/v2/exhibits/?search=cassowary&limit=1&offset=4&featured=false")));
        assertEquals(List.of(titles.getFirst()), ids(get("/api/v2/exhibits/?search=cassowary&order=id&limit=1")));
    }

    /**
     * A relevance-ordered listing selected by page type alone counts its matches in the index; the same listing in
     * another order counts them through the page rows: the totals agree, for every listing, query and tier.
     */
    @Test
    void listingsCountTheSameMatchesInTheIndexAsThroughThePages() throws SQLException {
        int exhibit = SearchApiTest.exhibit("tapir-exhibit", "Tapir Exhibit", """
                [{"type": "text", "value": "<p>the okapi and the tapir</p>", "id": "1"}]""", true, true,
                "2017-03-01T00:00:00Z");
        SearchApiTest.exhibit("okapi-exhibit", "Okapi Exhibit", "[]", false, true, "2017-03-02T00:00:00Z");
        SearchApiTest.exhibit("tapir-draft", "Tapir Draft", "[]", false, false, "2017-03-03T00:00:00Z");
        SearchApiTest.collectionPage("tapir-collection", "The Tapir Collection", "2017-03-04T00:00:00Z");
        List<String> listings = List.of("/api/v2/pages/?", "/api/v2/exhibits/?", "/api/v2/collections/?",
                "/api/v2/pages/?type=exhibits.ExhibitPage&");
        List<String> queries = List.of("tapir", "tapi", "okapi", "tapir okapi", "the", "nothingmatches",
                "\"the tapir\"");
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (String listing : listings) {
                for (String query : queries) {
                    for (String operator : List.of("", "&search_operator=and")) {
                        String path = listing + "search=" + enc(query) + operator;
                        long inIndex = get(path + "&limit=1").at("/meta/total_count").asLong();
                        long throughPages = get(path + "&order=id&limit=1").at("/meta/total_count").asLong();
                        assertEquals(throughPages, inIndex, path);
                        compared += inIndex > 0 ? 1 : 0;
                    }
                }
            }
            backend.db().execute("UPDATE page SET live = false WHERE id = " + exhibit);
        }
        assertTrue(compared > 20, "most comparisons found something: " + compared);
        // unpublished, the tapir exhibit leaves the index and the count; the collection stays
        assertEquals(0, get("/api/v2/exhibits/?search=tapir").at("/meta/total_count").asInt());
        assertEquals(1, get("/api/v2/pages/?search=tapir").at("/meta/total_count").asInt());
    }

    private static JsonNode get(String path) {
        var response = backend.get(path);
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return RunningBackend.json(response);
    }

    private static List<String> titles(JsonNode body) {
        List<String> titles = new ArrayList<>();
        body.get("items").forEach(i -> titles.add(i.get("title").asText()));
        return titles;
    }

    private static List<Integer> ids(JsonNode body) {
        List<Integer> ids = new ArrayList<>();
        body.get("items").forEach(i -> ids.add(i.get("id").asInt()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
