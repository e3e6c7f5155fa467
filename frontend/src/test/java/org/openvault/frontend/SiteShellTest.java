package org.openvault.frontend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell around every page, static assets, static CMS pages, legacy redirects and error pages. */
class SiteShellTest {

    private static final RunningSite SITE = RunningSite.get();

    @Test
    void healthAnswers503WhileTheSiteDrainsAndPagesStillRender() {
        org.openvault.frontend.health.HealthService health = new org.openvault.frontend.health.HealthService();
        io.helidon.webserver.WebServer site = Main.start(RunningSite.config(java.util.Map.of("server.port", "0",
                "server.host", "127.0.0.1", "ov.api.url", "http://127.0.0.1:" + SITE.backend.port())), health);
        try {
            health.drain();
            HttpResponse<String> draining = RunningSite.get(site, "/health");
            assertEquals(503, draining.statusCode());
            assertEquals("{\"status\":\"draining\"}", draining.body());
            HttpResponse<String> page = RunningSite.get(site, "/");
            assertEquals(200, page.statusCode(), "pages are still served while draining");
            String head = org.openvault.testing.RawHttp.head(site.port(), "/health");
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"),
                    "a kept-alive client is told to reconnect: " + head);
        } finally {
            site.stop();
        }
    }

    @Test
    void healthAnswersWithoutTheBackend() {
        HttpResponse<String> health = SITE.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertTrue(health.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void unknownPathIsA404InsideTheShell() {
        HttpResponse<String> response = SITE.get("/no-such-page");
        assertEquals(404, response.statusCode());
        Document html = Jsoup.parse(response.body());
        assertEquals("Not found", html.selectFirst("main h1").text());
        assertTrue(html.selectFirst("main").text().contains("No page found for: /no-such-page"));
        assertShell(html);
        assertEquals("noindex", html.selectFirst("meta[name=robots]").attr("content"));
    }

    @Test
    void everyPageHasLandmarksSkipLinkAndMeta() {
        Document html = SITE.html("/about");
        assertShell(html);
        assertEquals("About Open Vault | GBH Open Vault", html.title());
        assertEquals(RunningSite.PUBLIC_URL + "/about", html.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals(RunningSite.PUBLIC_URL + "/about", html.selectFirst("meta[property=og:url]").attr("content"));
        String image = html.selectFirst("meta[property=og:image]").attr("content");
        assertTrue(image.startsWith(RunningSite.PUBLIC_URL + "/assets/"), image);
        assertEquals(image, html.selectFirst("meta[name=twitter:image]").attr("content"));
        assertEquals("summary_large_image", html.selectFirst("meta[name=twitter:card]").attr("content"));
        assertFalse(html.selectFirst("meta[name=description]").attr("content").isBlank());
    }

    @Test
    void staticPagesComeFromTheCms() {
        for (String path : new String[] {"/about", "/faq", "/contact-us", "/visit-us", "/privacy-policy", "/terms", "/credits"}) {
            HttpResponse<String> response = SITE.get(path);
            assertEquals(200, response.statusCode(), path);
            Document html = Jsoup.parse(response.body());
            assertNotNull(html.selectFirst("h1.page-titlebar-title"), path);
            assertFalse(html.select(".static-body p").isEmpty(), path);
            assertEquals("public, max-age=60", response.headers().firstValue("cache-control").orElse(""), path);
        }
        assertEquals(200, SITE.get("/about/").statusCode(), "trailing slash");
        SITE.db.execute("UPDATE static_page SET body = '<p>Edited by an editor.</p>' "
                + "WHERE page_id = (SELECT id FROM page WHERE slug = 'terms' AND parent_id = 3)");
        assertEquals("Edited by an editor.", SITE.html("/terms").selectFirst(".static-body").text());
    }

    @Test
    void legacyUrlsRedirectFromBackendData() {
        HttpResponse<String> exhibit = SITE.get("/exhibits/julia_child");
        assertEquals(302, exhibit.statusCode());
        assertEquals("/exhibits/the-julia-child-project-the-cold-war-france-and-the-politics-of-food",
                exhibit.headers().firstValue("location").orElseThrow());
        assertEquals("/collections/war-and-peace-in-the-nuclear-age",
                SITE.get("/collections/war_peace").headers().firstValue("location").orElseThrow());
        HttpResponse<String> external = SITE.get("/exhibits/zoom/anything");
        assertEquals(302, external.statusCode());
        assertEquals("https://americanarchive.org/special_collections/zoom", external.headers().firstValue("location").orElseThrow());
        assertEquals("https://wgbhstocksales.org/", SITE.get("/collections/stock-sales").headers().firstValue("location").orElseThrow());

        SITE.db.execute("INSERT INTO redirect (old_path, target, permanent) VALUES ('/old-about', '/about', true)");
        HttpResponse<String> added = SITE.get("/old-about");
        assertEquals(301, added.statusCode());
        assertEquals("/about", added.headers().firstValue("location").orElseThrow());
    }

    @Test
    void headRequestsAnswerLikeGet() throws Exception {
        for (String path : new String[] {"/", "/exhibits", "/about", "/search?q=boston"}) {
            HttpResponse<Void> head = RunningSite.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(SITE.url(path)))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode(), path);
            assertTrue(head.headers().firstValue("content-type").orElse("").startsWith("text/html"), path);
        }
    }

    @Test
    void oldCatalogSearchIsRefused() {
        assertEquals(418, SITE.get("/catalog").statusCode());
        assertEquals(418, SITE.get("/catalog?q=anything").statusCode());
    }

    @Test
    void assetsHaveFingerprintedNamesLongCacheAndGzip() throws IOException {
        Document html = SITE.html("/about");
        String css = html.selectFirst("link[rel=stylesheet]").attr("href");
        assertTrue(css.matches("/assets/site\\.[0-9a-f]{10}\\.css"), css);
        HttpResponse<byte[]> response = RunningSite.getBytes(SITE.frontend, css, "Accept-Encoding", "gzip");
        assertEquals(200, response.statusCode());
        assertEquals("public, max-age=31536000, immutable", response.headers().firstValue("cache-control").orElse(""));
        assertEquals("gzip", response.headers().firstValue("content-encoding").orElse(""));
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("--x-dark-purple: #3f0051"));
        String font = text.replaceAll("(?s).*?url\\(\"(/assets/fonts/red-hat-text-latin-400-normal\\.[0-9a-f]{10}\\.woff2)\"\\).*", "$1");
        HttpResponse<byte[]> fontResponse = RunningSite.getBytes(SITE.frontend, font);
        assertEquals(200, fontResponse.statusCode(), font);
        assertEquals("font/woff2", fontResponse.headers().firstValue("content-type").orElse(""));
        assertEquals(404, SITE.get("/assets/site.0000000000.css").statusCode());
    }

    @Test
    void pagesAreCompressedWithTheBestCodingTheClientAccepts() throws IOException {
        HttpResponse<byte[]> brotli = RunningSite.getBytes(SITE.frontend, "/about", "Accept-Encoding", "gzip, deflate, br");
        assertEquals("br", brotli.headers().firstValue("content-encoding").orElse(""));
        assertTrue(unbrotli(brotli.body()).startsWith("<!DOCTYPE html>"));
        assertEquals("Accept-Encoding", brotli.headers().firstValue("vary").orElse(""));

        HttpResponse<byte[]> gzipped = RunningSite.getBytes(SITE.frontend, "/about", "Accept-Encoding", "br;q=0, gzip");
        assertEquals("gzip", gzipped.headers().firstValue("content-encoding").orElse(""));
        String page = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));

        HttpResponse<String> refused = RunningSite.get(SITE.frontend, "/about", "Accept-Encoding", "gzip;q=0, identity");
        assertTrue(refused.headers().firstValue("content-encoding").isEmpty());
        assertTrue(refused.body().startsWith("<!DOCTYPE html>"));
        HttpResponse<String> plain = SITE.get("/about");
        assertTrue(plain.headers().firstValue("content-encoding").isEmpty());
        assertTrue(plain.body().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void textAssetsComeInBrotliToo() throws IOException {
        String css = SITE.html("/about").selectFirst("link[rel=stylesheet]").attr("href");
        HttpResponse<byte[]> response = RunningSite.getBytes(SITE.frontend, css, "Accept-Encoding", "br, gzip");
        assertEquals("br", response.headers().firstValue("content-encoding").orElse(""));
        assertTrue(unbrotli(response.body()).contains("--x-dark-purple: #3f0051"));
    }

    private static String unbrotli(byte[] body) throws IOException {
        com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
        com.aayushatharva.brotli4j.decoder.DirectDecompress result = com.aayushatharva.brotli4j.decoder.Decoder.decompress(body);
        assertEquals(com.aayushatharva.brotli4j.decoder.DecoderJNI.Status.DONE, result.getResultStatus());
        return new String(result.getDecompressedData(), StandardCharsets.UTF_8);
    }

    @Test
    void sitemapListsPublicPagesAndRobotsPointsAtIt() {
        HttpResponse<String> response = SITE.get("/sitemap.xml");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/xml"));
        Document xml = Jsoup.parse(response.body(), "", org.jsoup.parser.Parser.xmlParser());
        java.util.List<String> locations = xml.select("url > loc").eachText();
        String base = RunningSite.PUBLIC_URL;
        assertTrue(locations.contains(base + "/exhibits/voices-of-the-vietnam-era"), locations.toString());
        assertTrue(locations.contains(base + "/collections/say-brother"));
        assertTrue(locations.contains(base + "/about"));
        assertFalse(locations.contains(base + "/exhibits/draft-exhibit"));
        assertTrue(locations.stream().noneMatch(loc -> loc.contains("/preview")));
        org.jsoup.nodes.Element exhibit = xml.select("url").stream()
                .filter(url -> url.selectFirst("loc").text().endsWith("/exhibits/voices-of-the-vietnam-era")).findFirst().orElseThrow();
        assertEquals("0.8", exhibit.selectFirst("priority").text());
        assertTrue(exhibit.selectFirst("lastmod").text().matches("\\d{4}-\\d{2}-\\d{2}"));

        HttpResponse<String> robots = SITE.get("/robots.txt");
        assertTrue(robots.body().contains("Disallow: /catalog"));
        assertTrue(robots.body().contains("Sitemap: " + base + "/sitemap.xml"));
    }

    @Test
    void previewNeedsItsParametersIsNeverCachedAndNeverIndexed() {
        HttpResponse<String> missing = SITE.get("/preview?content_type=exhibits.exhibitpage");
        assertEquals(400, missing.statusCode());
        assertEquals("no-store", missing.headers().firstValue("cache-control").orElse(""));
        assertEquals("noindex", missing.headers().firstValue("x-robots-tag").orElse(""));
        HttpResponse<String> unknown = SITE.get("/preview?content_type=exhibits.exhibitpage&token=id%3D42%3Anope");
        assertEquals(404, unknown.statusCode());
        assertEquals("no-store", unknown.headers().firstValue("cache-control").orElse(""));
        assertEquals("noindex", Jsoup.parse(unknown.body()).selectFirst("meta[name=robots]").attr("content"));
    }

    static void assertShell(Document html) {
        assertEquals("en", html.selectFirst("html").attr("lang"));
        Element skip = html.selectFirst("a.skip-link");
        assertEquals("#main", skip.attr("href"));
        assertNotNull(html.selectFirst("main#main"));
        assertNotNull(html.selectFirst("header nav[aria-label=Main]"));
        assertNotNull(html.selectFirst("footer"));
        for (Element toggle : html.select(".drawer-toggle")) {
            assertEquals("button", toggle.tagName());
            assertEquals("false", toggle.attr("aria-expanded"));
            assertNotNull(html.getElementById(toggle.attr("aria-controls")));
        }
        for (Element image : html.select("img")) {
            assertTrue(image.hasAttr("alt"), image.outerHtml());
        }
        for (Element link : html.select("a[target=_blank]")) {
            assertTrue(link.text().contains("opens in a new tab"), link.outerHtml());
        }
    }
}
