package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /search and /series rendered on the server from the backend's search and series APIs. */
class SearchPagesTest {

    private static final RunningSite SITE = RunningSite.get();

    @Test
    void emptyQueryShowsSuggestionsAndTabs() {
        HttpResponse<String> response = SITE.get("/search");
        assertEquals(200, response.statusCode());
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("Search GBH Open Vault", html.title());
        assertEquals("Search Open Vault", html.selectFirst("main h1").text());
        assertNotNull(html.selectFirst("form[role=search] input[name=q]"));
        assertEquals(4, html.select("ul.suggestions a").size());
        assertEquals(List.of("tab-ov", "tab-gbh", "tab-aapb", "tab-help"), html.select("nav.tabs a").eachAttr("id"));
        assertEquals("page", html.getElementById("tab-ov").attr("aria-current"));
    }

    @Test
    void queryRendersHighlightedHitsFacetsAndCounts() {
        Document html = SITE.html("/search?q=vietnam");
        assertEquals("vietnam | Search GBH Open Vault", html.title());
        assertEquals("vietnam", html.selectFirst("input[name=q]").val());
        Element hit = html.select("li.hit a").stream()
                .filter(a -> a.attr("href").equals("/exhibits/voices-of-the-vietnam-era")).findFirst().orElseThrow();
        assertEquals("Scholar Exhibit", hit.selectFirst(".tag").text());
        assertTrue(hit.selectFirst(".hit-title mark").text().equalsIgnoreCase("vietnam"), hit.html());
        assertTrue(html.selectFirst("p.found").text().matches("Found \\d+ Open Vault results"));
        Element exhibits = html.selectFirst("input[name=types[]][value=exhibit]");
        assertNotNull(exhibits);
        assertTrue(exhibits.parent().text().matches("Scholar Exhibits \\(\\d+\\)"));
        assertNotNull(html.selectFirst("input[name=featured][value=true]"));
        assertEquals(List.of("relevance", "newest", "oldest", "az", "za"), html.select("select[name=sort] option").eachAttr("value"));
        assertEquals(List.of("5", "10", "20", "50"), html.select("select[name=perPage] option").eachAttr("value"));
        assertEquals("noindex", html.selectFirst("meta[name=robots]").attr("content"));
    }

    @Test
    void stateInTheUrlFiltersSortsAndPages() {
        Document collectionsOnly = SITE.html("/search?q=say&types%5B%5D=collection");
        assertTrue(collectionsOnly.selectFirst("input[value=collection]").hasAttr("checked"));
        assertFalse(collectionsOnly.select("li.hit").isEmpty());
        collectionsOnly.select("li.hit .tag").forEach(tag -> assertEquals("Special Collection", tag.text()));
        assertNotNull(collectionsOnly.selectFirst("a:contains(Clear refinements)"));

        Document paged = SITE.html("/search?q=the&perPage=5&sort=az");
        assertTrue(paged.select("li.hit").size() <= 5);
        assertTrue(paged.selectFirst("select[name=perPage] option[value=5]").hasAttr("selected"));
        assertTrue(paged.selectFirst("select[name=sort] option[value=az]").hasAttr("selected"));
        Element next = paged.selectFirst("nav.pagination-nav a[aria-label=Go to next page]");
        if (next != null) {
            assertTrue(next.attr("href").contains("p=2"), next.attr("href"));
            assertTrue(next.attr("href").contains("perPage=5"));
            assertEquals(200, SITE.get(next.attr("href")).statusCode());
        }
        // Invalid values fall back to defaults: never an error page.
        assertEquals(200, SITE.get("/search?q=vietnam&perPage=7&p=-3&sort=bogus&types%5B%5D=nope").statusCode());
    }

    @Test
    void noResultsSeriesAndHelpTabs() {
        Document none = SITE.html("/search?q=zzqxjw");
        assertEquals("No Open Vault results for zzqxjw", none.selectFirst(".tab-panel h2").text());
        Document series = SITE.html("/search?q=nova&tab=gbh");
        assertEquals("page", series.getElementById("tab-gbh").attr("aria-current"));
        Element hit = series.selectFirst("li.series-hit a");
        assertNotNull(hit, series.selectFirst(".tab-panel").html());
        assertTrue(hit.attr("href").startsWith("https://americanarchive.org/catalog?") || hit.attr("href").contains("/catalog?"));
        assertNotNull(hit.selectFirst("mark"));
        Document help = SITE.html("/search?tab=help");
        assertEquals("Advanced search", help.select(".tab-panel h2").get(1).text());
        assertTrue(help.select(".help-examples a").eachAttr("href").contains("/search?q=tech*"));
        assertNull(help.selectFirst("li.hit"));
    }

    @Test
    void seriesPageListsTitlesByLetterAndFilters() {
        Document html = SITE.html("/series");
        assertEquals("GBH Series | GBH Open Vault", html.title());
        assertTrue(html.select("a.series-link").size() > 900, "every series title");
        assertNotNull(html.selectFirst("nav[aria-label=Jump to letter] a[href=#series-A]"));
        assertNotNull(html.getElementById("series-A"));
        Document filtered = SITE.html("/series?q=nova");
        assertFalse(filtered.select("a.series-link").isEmpty());
        filtered.select("a.series-link").forEach(a -> assertTrue(a.text().toLowerCase().contains("nova"), a.text()));
        assertTrue(SITE.html("/series?q=zzqxjw").selectFirst("main").text().contains("No series match"));
    }
}
