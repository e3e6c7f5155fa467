package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Home, the index pages and the exhibit and collection pages, rendered from the real backend's content. */
class ContentPagesTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final String EXHIBIT = "/exhibits/voices-of-the-vietnam-era";

    @Test
    void homeShowsThreeCollectionsThreeExhibitsAndACarouselOfAll() {
        HttpResponse<String> response = SITE.get("/");
        assertEquals(200, response.statusCode());
        assertEquals("MISS", response.headers().firstValue("x-cache").orElse(""));
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("GBH Open Vault", html.title());
        Elements collections = html.select("section[aria-labelledby=collections-title] .pagelink a");
        Elements exhibits = html.select("section[aria-labelledby=exhibits-title] .pagelink a");
        assertEquals(3, collections.size());
        assertEquals(3, exhibits.size());
        collections.forEach(a -> assertTrue(a.attr("href").startsWith("/collections/"), a.attr("href")));
        exhibits.forEach(a -> assertTrue(a.attr("href").startsWith("/exhibits/"), a.attr("href")));
        Elements slides = html.select(".carousel-track > li.carousel-slide");
        assertEquals(6, slides.size());
        for (Element slide : slides) {
            String href = slide.selectFirst("a").attr("href");
            String title = slide.selectFirst(".carousel-caption").text().replace(" >", "");
            boolean inExhibits = exhibits.stream().anyMatch(a -> a.attr("href").equals(href));
            boolean inCollections = collections.stream().anyMatch(a -> a.attr("href").equals(href));
            assertTrue(inExhibits || inCollections, "slide links where its card links: " + href + " " + title);
            // Every slide can be reached without script: an anchor to it exists.
            assertNotNull(html.selectFirst(".carousel-dots a[href=#" + slide.id() + "]"));
        }
        assertNotNull(html.selectFirst("a.view-all[href=/collections/]"));
        assertNotNull(html.selectFirst("a.view-all[href=/exhibits/]"));
    }

    @Test
    void indexPagesListLivePagesAsCards() {
        Document exhibits = SITE.html("/exhibits");
        assertEquals("Scholar Exhibits | GBH Open Vault", exhibits.title());
        assertEquals("Scholar Exhibits", exhibits.selectFirst("main h1").text());
        List<String> hrefs = exhibits.select(".pagelink a").eachAttr("href");
        assertTrue(hrefs.contains(EXHIBIT));
        assertTrue(hrefs.contains("/exhibits/say-brother-exhibit"));
        assertFalse(hrefs.contains("/exhibits/draft-exhibit"), "drafts are not listed");
        assertEquals("Tom & Jerry <Live>",
                exhibits.selectFirst(".pagelink a[href=/exhibits/say-brother-exhibit] .pagelink-title").text());
        Document collections = SITE.html("/collections/");
        assertEquals("Collections | GBH Open Vault", collections.title());
        assertTrue(collections.select(".pagelink a").eachAttr("href").contains("/collections/say-brother"));
    }

    @Test
    void exhibitRendersEveryBlockType() {
        HttpResponse<String> response = SITE.get(EXHIBIT);
        assertEquals(200, response.statusCode());
        assertEquals("public, max-age=60", response.headers().firstValue("cache-control").orElse(""));
        Document html = Jsoup.parse(response.body());
        SiteShellTest.assertShell(html);
        assertEquals("Voices of the Vietnam Era", html.selectFirst("h1.page-titlebar-title").text());

        Element heading = html.getElementById("0b6d7f0e-3c1a-4f8e-9a51-2b0c3d4e5f60");
        assertEquals("h3", heading.tagName());
        assertTrue(heading.hasClass("content-heading"));
        assertEquals("Vietnam", heading.selectFirst("i").text(), "heading rich text is output as HTML");
        assertNull(heading.selectFirst("p"), "the single paragraph is unwrapped inside the heading");

        Element text = html.getElementById("5e1f1a52-7d0c-4c84-8f55-0d9a6b1c2e33");
        assertTrue(text.hasClass("content-text"));
        assertTrue(text.text().startsWith("Producers recorded hundreds of hours"));

        Element subheading = html.getElementById("77aa0000-1111-4a2b-8c3d-4e5f6a7b8c9d");
        assertEquals("h4", subheading.tagName());
        assertEquals("Further viewing", subheading.text());

        Element raw = html.getElementById("88bb0000-1111-4a2b-8c3d-4e5f6a7b8c9d");
        assertEquals("Raw", raw.selectFirst("div.embedded-html > strong").text(), "html blocks keep their formatting");

        Element credits = html.getElementById("99cc0000-1111-4a2b-8c3d-4e5f6a7b8c9d");
        assertEquals("Credits", credits.selectFirst("h3").text());
        assertEquals("Curated by GBH Archives.", credits.selectFirst(".content-block-body").text());

        for (String type : List.of("interviews", "archival_footage", "photographs", "original_footage", "programs", "related_content")) {
            assertNotNull(html.selectFirst(".aapb-records.aapb-" + type), type);
        }
    }

    @Test
    void aapbGroupsShowTwoTilesTheAapbLinkAndAClickToLoadPlayer() {
        Document html = SITE.html(EXHIBIT);
        Element group = html.getElementById("9c0e2b7a-1111-4a2b-8c3d-4e5f6a7b8c9d").parent();
        assertEquals("Interviews with veterans", group.selectFirst("h3").text());
        Elements tiles = group.select(".content-aapbblock");
        assertEquals(2, tiles.size(), "at most two tiles");
        assertEquals("cpb-aacip-15-0v89g5gf5r", tiles.get(0).attr("data-guid"));
        assertEquals("cpb-aacip-15-1r6n00zw3d", tiles.get(1).attr("data-guid"), "GUID normalised");
        String player = RunningSite.AAPB + "/openvault/cpb-aacip-15-0v89g5gf5r?start=90&end=300";
        assertEquals(player, tiles.get(0).selectFirst("a.aapb-play").attr("href"));
        Element iframe = Jsoup.parse(tiles.get(0).selectFirst("template.aapb-player").html()).selectFirst("iframe");
        assertEquals(player, iframe.attr("src"));
        assertFalse(iframe.attr("title").isBlank(), "the player has a title");
        assertEquals(RunningSite.AAPB + "/catalog/cpb-aacip-15-0v89g5gf5r", tiles.get(0).selectFirst(".shade-bar a").attr("href"));
        Element more = group.selectFirst("a.aapb-records-seemore");
        assertTrue(more.text().startsWith("View all 3 on AAPB"), more.text());
        assertEquals(RunningSite.AAPB + "/catalog?f[special_collections][]=vietnam-a-television-history&sort=title+asc&f[access_types][]=online",
                more.attr("href"));
        assertTrue(html.select("iframe").stream().noneMatch(f -> f.attr("src").contains("/openvault/")
                        && f.parents().stream().noneMatch(parent -> parent.tagName().equals("template"))),
                "no AAPB player loads with the page");

        Element footage = html.getElementById("aaaa0000-1111-4a2b-8c3d-4e5f6a7b8c9d").parent();
        assertEquals(RunningSite.AAPB + "/openvault/cpb-aacip-15-footage?end=60", footage.selectFirst("a.aapb-play").attr("href"));
        assertTrue(footage.selectFirst("a.aapb-records-seemore").text().startsWith("View on AAPB"));
        assertEquals(RunningSite.AAPB + "/catalog", footage.selectFirst("a.aapb-records-seemore").attr("href"));

        Element photographs = html.getElementById("bbbb0000-1111-4a2b-8c3d-4e5f6a7b8c9d").parent();
        assertTrue(photographs.select(".content-aapbblock").isEmpty());
        assertTrue(photographs.selectFirst("a.aapb-records-seemore").text().startsWith("View more on AAPB"));
    }

    @Test
    void sidebarListsHeadingsCreditsAndAapbGroupsThatAskForIt() {
        Document html = SITE.html(EXHIBIT);
        Element sidebar = html.selectFirst("nav.page-sidebar");
        assertEquals("In This Exhibit", sidebar.attr("aria-label"));
        List<String> hrefs = sidebar.select("a").eachAttr("href");
        assertEquals(List.of("#0b6d7f0e-3c1a-4f8e-9a51-2b0c3d4e5f60", "#9c0e2b7a-1111-4a2b-8c3d-4e5f6a7b8c9d",
                "#bbbb0000-1111-4a2b-8c3d-4e5f6a7b8c9d", "#cccc0000-1111-4a2b-8c3d-4e5f6a7b8c9d",
                "#dddd0000-1111-4a2b-8c3d-4e5f6a7b8c9d", "#eeee0000-1111-4a2b-8c3d-4e5f6a7b8c9d",
                "#99cc0000-1111-4a2b-8c3d-4e5f6a7b8c9d", "#authors-section", "#footnote-section"), hrefs);
        for (String href : hrefs) {
            assertNotNull(html.getElementById(href.substring(1)), href);
        }
        assertEquals("Voices of the Vietnam Era", sidebar.selectFirst("a").text());
        assertEquals("Credits", sidebar.selectFirst("a[href=#99cc0000-1111-4a2b-8c3d-4e5f6a7b8c9d]").text());
    }

    @Test
    void footnotesAreNumberedByTheirListWithTwoWayAnchors() {
        Document html = SITE.html(EXHIBIT);
        Elements references = html.select("a.footnote-link");
        assertEquals(2, references.size());
        // The first marker in the text is 3fa85f, the second note of the list: it is number 2.
        assertEquals("2", references.get(0).text());
        assertEquals("footnote-2", references.get(0).id());
        assertEquals("#3fa85f", references.get(0).attr("href"));
        assertEquals("1", references.get(1).text());
        assertEquals("#111111", references.get(1).attr("href"));
        assertTrue(html.select("footnote").isEmpty(), "no raw markers left");
        Elements notes = html.select("#footnote-section li.footnote-content");
        assertEquals(2, notes.size());
        assertEquals("111111", notes.get(0).id());
        assertEquals("Field notes, reel 4.", notes.get(0).selectFirst(".footnote-text").text());
        assertEquals("#footnote-1", notes.get(0).selectFirst("a.footnote-back").attr("href"));
        assertEquals("3fa85f", notes.get(1).id());
        assertEquals("#footnote-2", notes.get(1).selectFirst("a.footnote-back").attr("href"));
    }

    @Test
    void authorsWithBiosAndRelatedExhibits() {
        Document html = SITE.html(EXHIBIT);
        assertEquals("By Jane Doe, John Roe", html.selectFirst(".page-authorbubble-stacked .author-byline").text());
        assertEquals("Authors", html.selectFirst("h3#authors-section").text());
        Elements authors = html.select(".page-authorbubble-bottom-container");
        assertEquals(2, authors.size());
        assertEquals("Jane Doe", authors.get(0).selectFirst(".author-byline").text());
        assertEquals("public media", authors.get(0).selectFirst(".author-bio b").text());
        assertNull(authors.get(1).selectFirst(".author-bio"), "no empty bio");

        Element related = html.selectFirst("aside.exhibit-bottom-graybar");
        assertEquals("You may also like", related.selectFirst("h2").text());
        assertEquals(List.of("/exhibits/say-brother-exhibit"), related.select(".pagelink a").eachAttr("href"));
        assertNotNull(related.selectFirst("a[href=/exhibits]"));
    }

    @Test
    void exhibitMetaIsAnArticleWithAbsoluteUrls() {
        Document html = SITE.html(EXHIBIT + "/");
        assertEquals("Voices of the Vietnam Era | GBH Open Vault", html.title());
        assertEquals("Interviews and footage from GBH's Vietnam: A Television History.",
                html.selectFirst("meta[name=description]").attr("content"));
        assertEquals("article", html.selectFirst("meta[property=og:type]").attr("content"));
        assertEquals(RunningSite.PUBLIC_URL + EXHIBIT, html.selectFirst("link[rel=canonical]").attr("href"));
        assertTrue(html.selectFirst("meta[property=og:image]").attr("content").startsWith("https://"));
        // Without a hero image the title bar falls back to the purple band: no broken image.
        assertNull(html.selectFirst(".page-titlebar img"));
        Document plain = SITE.html("/exhibits/say-brother-exhibit");
        assertEquals("Scholar Exhibit from GBH Open Vault", plain.selectFirst("meta[name=description]").attr("content"));
        assertTrue(plain.toString().contains("Tom &amp; Jerry &lt;Live&gt;"), "titles are escaped");
        assertNull(plain.selectFirst("nav.page-sidebar"), "no sidebar without entries");
    }

    @Test
    void collectionRendersIntroductionAndContent() {
        Document html = SITE.html("/collections/say-brother");
        assertEquals("Say Brother | GBH Open Vault", html.title());
        assertEquals("Say Brother", html.selectFirst("h1.page-titlebar-title").text());
        Element intro = html.selectFirst(".content-introduction");
        assertEquals("Introduction", intro.selectFirst("h3").text());
        assertEquals("Say Brother", intro.selectFirst(".content-block-body i").text());
        assertEquals("In This Collection", html.selectFirst("nav.page-sidebar").attr("aria-label"));
        assertEquals(List.of("#c1000000-1111-4a2b-8c3d-4e5f6a7b8c9d", "#c2000000-1111-4a2b-8c3d-4e5f6a7b8c9d",
                "#c4000000-1111-4a2b-8c3d-4e5f6a7b8c9d"), html.select("nav.page-sidebar a").eachAttr("href"));
        Element programs = html.getElementById("c2000000-1111-4a2b-8c3d-4e5f6a7b8c9d").parent();
        assertEquals(RunningSite.AAPB + "/catalog?f[special_collections][]=say-brother&sort=title+asc&f[access_types][]=all",
                programs.selectFirst("a.aapb-records-seemore").attr("href"));
        assertNull(html.selectFirst("#footnote-section"));
        assertNull(html.selectFirst("#authors-section"));
    }

    @Test
    void previewRendersAnEditorsDraftWithoutCachingOrIndexing() {
        String token = new org.openvault.backend.preview.PreviewTokens(
                RunningSite.PREVIEW_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.time.Duration.ofHours(1), java.time.Clock.systemUTC()).sign("id=9001");
        SITE.db.execute("INSERT INTO page_preview (token, content_type, content_json) VALUES ('" + token + "', "
                + "'exhibits.ExhibitPage', '{\"id\": 9001, \"title\": \"Draft title <b>\", \"slug\": \"voices-of-the-vietnam-era\", "
                + "\"parent_id\": 3, \"search_description\": \"\", \"body\": [{\"type\": \"text\", \"value\": \"<p>Unpublished words.</p>\", "
                + "\"id\": \"d0000000-1111-4a2b-8c3d-4e5f6a7b8c9d\"}], \"featured\": false, \"authors\": [], \"footnotes\": [], "
                + "\"other_exhibits\": []}')");
        HttpResponse<String> response = SITE.get("/preview?content_type=exhibits.exhibitpage&token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        assertEquals("noindex", response.headers().firstValue("x-robots-tag").orElse(""));
        Document html = Jsoup.parse(response.body());
        assertEquals("Draft title <b>", html.selectFirst("h1.page-titlebar-title").text());
        assertEquals("Unpublished words.", html.getElementById("d0000000-1111-4a2b-8c3d-4e5f6a7b8c9d").text());
        assertNotNull(html.selectFirst(".preview-banner"));
        assertEquals("noindex", html.selectFirst("meta[name=robots]").attr("content"));
        // The live page is unchanged.
        assertEquals("Voices of the Vietnam Era", SITE.html(EXHIBIT).selectFirst("h1.page-titlebar-title").text());
        HttpResponse<String> forged = SITE.get("/preview?content_type=exhibits.exhibitpage&token=id%3D9001%3Aabc%3Adef");
        assertEquals(404, forged.statusCode());
    }

    @Test
    void wrongTypeUnknownAndDraftSlugsAre404() {
        HttpResponse<String> wrongType = SITE.get("/exhibits/say-brother");
        assertEquals(404, wrongType.statusCode());
        assertTrue(Jsoup.parse(wrongType.body()).selectFirst("main").text().contains("No exhibits called: say-brother"));
        assertEquals(404, SITE.get("/collections/voices-of-the-vietnam-era").statusCode());
        assertEquals(404, SITE.get("/exhibits/draft-exhibit").statusCode());
        assertEquals(404, SITE.get("/collections/no-such-collection/").statusCode());
        assertEquals(404, SITE.get("/exhibits/%3Cscript%3E").statusCode());
    }
}
