package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search page's American Archive tab against a fake AAPB on localhost: hits, no hits, errors, slowness, off. */
class AapbSearchTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PBCORE = "http://www.pbcore.org/PBCore/PBCoreNamespace.html";
    private static final String GBH_RECORDS = "+AND+(contributing_organizations:%20WGBH(MA)%20OR%20"
            + "producing_organizations:%20WGBH%20Educational%20Foundation)&f[access_types][]=online";

    private static FakeHttpServer aapb;
    private static WebServer frontend;

    @BeforeAll
    static void start() {
        aapb = FakeHttpServer.start(AapbSearchTest::answer);
        frontend = RunningSite.startFrontend("http://127.0.0.1:" + SITE.backend.port(),
                Map.of("ov.aapb.host", aapb.url() + "/", "ov.aapb.search-timeout-ms", "500"));
    }

    @AfterAll
    static void stop() {
        frontend.stop();
        aapb.close();
    }

    private static FakeHttpServer.Answer answer(String path, String query) {
        if (!path.equals("/api.json") || query == null) {
            return new FakeHttpServer.Answer(404, "text/plain", "not here", 0);
        }
        if (query.startsWith("q=vietnam&")) {
            return FakeHttpServer.Answer.json(vietnam());
        }
        if (query.startsWith("q=zzqxjw&")) {
            return FakeHttpServer.Answer.json("{\"responseHeader\": {\"status\": 0}, \"response\": {\"numFound\": 0, \"start\": 0, \"docs\": []}}");
        }
        if (query.startsWith("q=garbage&")) {
            return FakeHttpServer.Answer.json("<html>not json");
        }
        if (query.startsWith("q=huge&")) {
            // Well-formed, but far beyond ten records: refused rather than read into memory.
            return FakeHttpServer.Answer.json("{\"padding\": \"" + "x".repeat(3 << 20)
                    + "\", \"response\": {\"numFound\": 0, \"docs\": []}}");
        }
        if (query.startsWith("q=slow&")) {
            return new FakeHttpServer.Answer(200, "application/json", "{\"response\": {\"numFound\": 0, \"docs\": []}}", 3000);
        }
        return new FakeHttpServer.Answer(500, "text/plain", "Internal Server Error", 0);
    }

    /** 1,234 matches; the first page holds records with every kind of description, one hostile. */
    private static String vietnam() {
        String longText = "Vietnam veterans talk about coming home. ".repeat(10);
        List<Map<String, String>> docs = List.of(
                Map.of("id", "cpb-aacip-15-vn001", "title", "Vietnam: A Television History; Interview with a Veteran",
                        "xml", pbcore("<pbcoreDescription descriptionType=\"summary\">An interview recorded for the Vietnam series.</pbcoreDescription>")),
                Map.of("id", "cpb-aacip-15-vn002", "title", "<script>alert('x')</script> Vietnam & Boston",
                        "xml", pbcore("<pbcoreDescription>First part.</pbcoreDescription><pbcoreDescription>  Second   part. </pbcoreDescription>")),
                Map.of("id", "cpb-aacip-15-vn003", "title", "A long record", "xml", pbcore("<pbcoreDescription>" + longText + "</pbcoreDescription>")),
                Map.of("id", "cpb-aacip-15-vn004", "title", "Hostile record",
                        "xml", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY leak SYSTEM \"" + aapb.url() + "/leak\">"
                                + "<!ENTITY local SYSTEM \"file:///etc/passwd\">]><pbcoreDescriptionDocument xmlns=\"" + PBCORE + "\">"
                                + "<pbcoreDescription>&leak; &local;</pbcoreDescription></pbcoreDescriptionDocument>"),
                Map.of("id", "cpb-aacip-15-vn005", "title", "No description", "xml", "not xml at all"));
        try {
            return JSON.writeValueAsString(Map.of("response", Map.of("numFound", 1234, "start", 0, "docs", docs)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pbcore(String descriptions) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><pbcoreDescriptionDocument xmlns=\"" + PBCORE + "\">"
                + "<pbcoreIdentifier source=\"http://americanarchiveinventory.org\">cpb-aacip-15-x</pbcoreIdentifier>"
                + descriptions + "<pbcoreTitle>Ignored</pbcoreTitle></pbcoreDescriptionDocument>";
    }

    private static Document search(String query) {
        HttpResponse<String> response = RunningSite.get(frontend, "/search?" + query);
        assertEquals(200, response.statusCode(), query);
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        return html;
    }

    @Test
    void hitsShowTitlesAndPbcoreDescriptionsHighlightedAndEscaped() {
        Document html = search("q=vietnam&tab=aapb");
        assertTrue(aapb.requests().contains("/api.json?q=vietnam&rows=10"), aapb.requests().toString());
        assertEquals("vietnam | Search American Archive", html.title());
        Element tab = html.getElementById("tab-aapb");
        assertEquals("page", tab.attr("aria-current"));
        assertEquals("1,234", tab.selectFirst(".count").text());
        assertEquals("aapb", html.selectFirst("form[role=search] input[name=tab]").val(), "a new query stays on the tab");
        assertEquals("Found 1,234 matching records on AmericanArchive.org for \"vietnam\"", html.selectFirst("p.found").text());

        Elements hits = html.select("li.aapb-hit > a");
        assertEquals(5, hits.size());
        Element first = hits.get(0);
        assertEquals(aapb.url() + "/catalog/cpb-aacip-15-vn001", first.attr("href"));
        assertEquals("_blank", first.attr("target"));
        assertEquals("AAPB", first.selectFirst(".tag").text());
        assertEquals(List.of("Vietnam", "Vietnam"), first.select("h3 mark, .hit-snippet mark").eachText());
        assertEquals("An interview recorded for the Vietnam series.", first.selectFirst(".hit-snippet").text());

        Element hostileTitle = hits.get(1);
        assertNull(hostileTitle.selectFirst("script"), "titles are escaped");
        assertTrue(hostileTitle.selectFirst("h3").text().startsWith("<script>alert('x')</script> Vietnam & Boston"));
        assertEquals("First part., Second part.", hostileTitle.selectFirst(".hit-snippet").text());

        String cut = hits.get(2).selectFirst(".hit-snippet").text();
        assertTrue(cut.endsWith("...") && cut.length() <= 203, cut);

        assertNull(hits.get(3).selectFirst(".hit-snippet"), "a DOCTYPE is refused: no entity is read");
        assertFalse(aapb.requests().contains("/leak"), "no external entity was fetched");
        assertFalse(html.text().contains("root:"), "no local file was read");
        assertNull(hits.get(4).selectFirst(".hit-snippet"));

        Element more = html.selectFirst("a.aapb-more");
        assertEquals("View 1,229 more results on AmericanArchive.org (opens in a new tab)", more.text());
        assertEquals(aapb.url() + "/catalog?q=vietnam" + GBH_RECORDS, more.attr("href"));
    }

    @Test
    void zeroResults() {
        Document html = search("q=zzqxjw&tab=aapb");
        assertEquals("No Results", html.selectFirst(".tab-panel h2").text());
        assertTrue(html.selectFirst(".tab-panel").text().contains("zzqxjw"));
        assertEquals(aapb.url() + "/catalog?q=zzqxjw" + GBH_RECORDS, html.selectFirst(".tab-panel a[target=_blank]").attr("href"));
        assertEquals("0", html.selectFirst("#tab-aapb .count").text());
    }

    @Test
    void errorsAndNonsenseShowTheErrorStateInsideTheTab() {
        for (String q : List.of("broken", "garbage", "huge")) {
            Document html = search("q=" + q + "&tab=aapb");
            assertEquals("Search Error", html.selectFirst(".tab-panel h2").text(), q);
            Element link = html.selectFirst(".tab-panel a[target=_blank]");
            assertEquals(aapb.url() + "/catalog?q=" + q + GBH_RECORDS, link.attr("href"));
            assertTrue(link.text().startsWith("Search AmericanArchive.org for " + q));
            assertEquals("search failed", html.selectFirst("#tab-aapb .count .visually-hidden").text());
        }
    }

    @Test
    void aSlowAapbCostsOnlyItsTimeout() {
        long started = System.nanoTime();
        Document html = search("q=slow&tab=aapb");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("Search Error", html.selectFirst(".tab-panel h2").text());
        assertTrue(millis < 2500, "answered after " + millis + " ms; AAPB takes 3000 ms, the limit is 500 ms");
    }

    @Test
    void theOtherTabsNeverAskAapb() {
        int before = aapb.requests().size();
        long started = System.nanoTime();
        for (String query : List.of("q=slow", "q=slow&tab=gbh", "tab=help", "tab=aapb")) {
            Document html = search(query);
            assertNotNull(html.getElementById("tab-aapb"), query);
            assertNull(html.selectFirst("#tab-aapb .count"), query);
        }
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2500, "no tab waited for the slow AAPB");
        assertEquals(before, aapb.requests().size(), aapb.requests().toString());
        assertTrue(search("q=vietnam").select("li.aapb-hit").isEmpty());
    }

    @Test
    void anEmptyHostSwitchesTheTabOff() {
        int before = aapb.requests().size();
        WebServer off = RunningSite.startFrontend("http://127.0.0.1:" + SITE.backend.port(), Map.of("ov.aapb.host", ""));
        try {
            Document ov = Jsoup.parse(RunningSite.get(off, "/search?q=vietnam").body());
            assertNull(ov.getElementById("tab-aapb"));
            assertNotNull(ov.getElementById("tab-help"));
            HttpResponse<String> response = RunningSite.get(off, "/search?q=vietnam&tab=aapb");
            assertEquals(200, response.statusCode());
            assertEquals("American Archive search is not available", Jsoup.parse(response.body()).selectFirst(".tab-panel h2").text());
        } finally {
            off.stop();
        }
        assertEquals(before, aapb.requests().size());
    }
}
