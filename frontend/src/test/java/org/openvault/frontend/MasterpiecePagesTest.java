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

/** The Alistair Cooke Masterpiece Theatre collection, rendered from the backend's CMS data. */
class MasterpiecePagesTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final String PATH = "/collections/masterpiece";

    @Test
    void seasonBrowserListsEverySeasonWithJumpLinksUnderTheCmsIntroduction() {
        HttpResponse<String> response = SITE.get(PATH);
        assertEquals(200, response.statusCode());
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("Alistair Cooke Masterpiece Theatre Collection | GBH Open Vault", html.title());
        assertEquals("Alistair Cooke Masterpiece Theatre Collection", html.selectFirst("main h1").text());
        assertNotNull(html.selectFirst(".masterpiece-intro a[href=/collections/masterpiece-funders]"), "intro from the CMS");
        assertEquals(RunningSite.AAPB + "/catalog/?f[special_collections][]=alistair-cooke&sort=asset_date+asc",
                html.selectFirst("main a:contains(View all Alistair Cooke clips on AAPB)").attr("href"));
        assertEquals(21, html.select("section.season-group").size());
        for (int n = 1; n <= 21; n++) {
            Element number = html.getElementById("season-" + n);
            assertTrue(number.hasClass("season-group-number"), "season " + n);
            assertTrue(number.text().startsWith("Season " + n + " "), number.text());
            assertNotNull(html.selectFirst(".season-jump a[href=#season-" + n + "]"));
            assertTrue(number.parent().select(".season-group-content a.masterpiece-link").size() >= 3);
        }
        assertTrue(html.select("a.masterpiece-link").size() >= 100);
        Element first = html.selectFirst("a.masterpiece-link");
        assertEquals("/miniseries/firstchurchillsthe", first.attr("href"));
        assertEquals("The First Churchills", first.text());
        assertEquals("Season 1 1971–1972", html.getElementById("season-1").text());
        assertTrue(html.selectFirst("p.no-results").hasAttr("hidden"));
        assertTrue(html.selectFirst("input[name=q]").hasAttr("data-masterpiece-filter"), "typing filters the full list");
        assertTrue(html.selectFirst(".halfbox-image").attr("src").startsWith("/assets/masterpiece."));
        assertFalse(response.body().contains("s3.amazonaws.com"), "no hot-linked images");
        assertEquals(200, SITE.get(PATH + "/").statusCode());
    }

    @Test
    void theFilterFormKeepsMiniseriesWhoseKeyContainsTheQuery() {
        Document churchill = SITE.html(PATH + "?q=Churchill");
        assertEquals(List.of("/miniseries/firstchurchillsthe", "/miniseries/winstonchurchillthewildernessyears"),
                churchill.select("a.masterpiece-link").eachAttr("href"));
        assertEquals(List.of("#season-1", "#season-12"), churchill.select(".season-jump a").eachAttr("href"));
        assertEquals("Churchill", churchill.selectFirst("input[name=q]").val());
        assertNotNull(churchill.selectFirst("a.clear-filter[href=/collections/masterpiece]"));
        assertFalse(churchill.selectFirst("input[name=q]").hasAttr("data-masterpiece-filter"));
        assertEquals(List.of("/miniseries/coldcomfortfarm"),
                SITE.html(PATH + "?q=Cold+Comfort+Farm").select("a.masterpiece-link").eachAttr("href"));
        assertEquals(List.of("/miniseries/iclaudius"),
                SITE.html(PATH + "?q=I%2C%20Claudius").select("a.masterpiece-link").eachAttr("href"));

        Document none = SITE.html(PATH + "?q=zzqxjw%3Cb%3E");
        assertTrue(none.select("section.season-group").isEmpty());
        Element message = none.selectFirst("p.no-results");
        assertFalse(message.hasAttr("hidden"));
        assertEquals("No miniseries match zzqxjw<b>. Please revise your query.", message.text());
        assertEquals(200, SITE.get(PATH + "?q=" + "x".repeat(500)).statusCode());
    }

    @Test
    void editorsChangeTheCollectionInTheCms() {
        SITE.db.execute("UPDATE masterpiece_miniseries SET title = 'Poldark (edited)' WHERE key = 'poldark'");
        try {
            assertEquals("Poldark (edited)", SITE.html(PATH).selectFirst("a.masterpiece-link[href=/miniseries/poldark]").text());
        } finally {
            SITE.db.execute("UPDATE masterpiece_miniseries SET title = 'Poldark' WHERE key = 'poldark'");
        }
    }

    @Test
    void miniseriesPageLinksToItsAapbRecordsAndBack() {
        HttpResponse<String> response = SITE.get("/miniseries/coldcomfortfarm");
        assertEquals(200, response.statusCode());
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("GBH Series - Cold Comfort Farm", html.title());
        assertTrue(html.selectFirst("meta[name=description]").attr("content").contains("Cold Comfort Farm"));
        assertEquals("Cold Comfort Farm", html.selectFirst("h1.page-titlebar-title > span").text());
        assertEquals("A level-headed young woman takes her gloomy country relations in hand.",
                html.selectFirst(".miniseries-description").text());
        assertEquals("First broadcast on Masterpiece Theatre: October 3, 1971", html.selectFirst(".miniseries-date").text());
        Element aapb = html.selectFirst("a:contains(View Records On AAPB)");
        assertEquals(RunningSite.AAPB + "/catalog?sort=asset_date+asc&f[special_collections][]=coldcomfortfarm&f[access_types][]=all",
                aapb.attr("href"));
        assertEquals("_blank", aapb.attr("target"));
        assertEquals(PATH, html.selectFirst("a:contains(Back to Masterpiece Collection)").attr("href"));
        assertEquals(RunningSite.PUBLIC_URL + "/miniseries/coldcomfortfarm", html.selectFirst("link[rel=canonical]").attr("href"));

        Document undescribed = SITE.html("/miniseries/peregoriot/");
        assertTrue(undescribed.selectFirst(".miniseries-description").text().startsWith("No description of this miniseries"));
    }

    @Test
    void unknownMiniseriesIsA404InsideTheShell() {
        for (String key : List.of("nosuchminiseries", "Cold-Comfort-Farm", "%3Cscript%3E")) {
            HttpResponse<String> response = SITE.get("/miniseries/" + key);
            assertEquals(404, response.statusCode(), key);
            Document html = Jsoup.parse(response.body());
            SiteShellTest.assertShell(html);
            assertEquals("Not found", html.selectFirst("main h1").text());
            assertTrue(html.selectFirst("main").text().contains("Miniseries not found"), key);
        }
    }

    @Test
    void fundersPageIsAStaticCmsPageWithALinkBack() {
        HttpResponse<String> response = SITE.get("/collections/masterpiece-funders");
        assertEquals(200, response.statusCode());
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("Learn More About the Funders for the Masterpiece Special Collection | GBH Open Vault", html.title());
        assertEquals("Learn More About the Funders for the Masterpiece Special Collection",
                html.selectFirst("h1.page-titlebar-title").text());
        Element back = html.selectFirst("nav.static-back a");
        assertEquals(PATH, back.attr("href"));
        assertEquals("<< Back to Masterpiece Collection", back.text());
        assertTrue(html.select(".static-body p").size() >= 4);
        assertEquals(200, SITE.get("/collections/masterpiece-funders/").statusCode());
    }

    @Test
    void collectionsListTheMasterpieceCardFirstAndOldUrlsLandOnIt() {
        Document collections = SITE.html("/collections");
        Element card = collections.selectFirst(".pagelink a");
        assertEquals(PATH, card.attr("href"));
        assertEquals("Alistair Cooke Masterpiece Theatre Collection", card.selectFirst(".pagelink-title").text());
        String image = card.selectFirst("img").attr("src");
        assertTrue(image.matches("/assets/masterpiece\\.[0-9a-f]{10}\\.svg"), image);
        HttpResponse<String> svg = SITE.get(image);
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("content-type").orElse(""));

        HttpResponse<String> old = SITE.get("/collections/alistair-cooke");
        assertEquals(302, old.statusCode());
        String target = old.headers().firstValue("location").orElseThrow();
        assertEquals(PATH, target);
        assertEquals(200, SITE.get(target).statusCode());
    }

    @Test
    void sitemapListsTheCollectionItsFundersAndEveryMiniseries() {
        String sitemap = SITE.get("/sitemap.xml").body();
        for (String path : List.of(PATH, "/collections/masterpiece-funders", "/miniseries/coldcomfortfarm",
                "/miniseries/jewelinthecrownthe")) {
            assertTrue(sitemap.contains("<loc>" + RunningSite.PUBLIC_URL + path + "</loc>"), path);
        }
        assertNull(Jsoup.parse(sitemap).selectFirst("loc:contains(/collections/collections)"));
    }
}
