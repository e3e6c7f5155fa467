package org.openvault.backend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/series/ over the migrated GBH series list, and ?search= on the Wagtail-style listings. */
class SeriesAndListingSearchTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static RunningBackend backend;

    @BeforeAll
    static void start() {
        backend = RunningBackend.start(DB);
    }

    @AfterAll
    static void stop() {
        SearchApiTest.deleteFixtures();
        backend.close();
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
        DB.execute("UPDATE page SET live = false WHERE id = " + bodyOnly);
        assertEquals(List.of(inTitle), ids(get("/api/v2/pages/?search=kinkajou")));
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
