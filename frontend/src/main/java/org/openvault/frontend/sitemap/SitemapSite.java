package org.openvault.frontend.sitemap;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.DetailPage.Kind;
import org.openvault.frontend.content.Miniseries;
import org.openvault.frontend.content.PageSummary;
import org.openvault.frontend.content.Season;
import org.openvault.frontend.content.StaticPage;
import org.openvault.frontend.rendering.Compression;
import org.openvault.frontend.rendering.Site;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /sitemap.xml} (home and index pages, static pages and Masterpiece miniseries at 0.5 yearly, exhibits and
 * collections at 0.8 monthly with their last publication) and {@code /robots.txt} pointing at it. Preview is never listed.
 */
public record SitemapSite(CmsClient cms, Site site, Compression compression) implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::sitemap, "/sitemap.xml");
        PageRoutes.page(rules, this::robots, "/robots.txt");
    }

    private void sitemap(ServerRequest req, ServerResponse res) {
        Freshness freshness = new Freshness();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String path : new String[] {"/", "/exhibits", "/collections", "/series", "/search"}) {
            url(xml, path, null, "weekly", "0.5");
        }
        for (StaticPage page : cms.staticPages(freshness)) {
            url(xml, page.path() != null ? page.path() : "/", page.lastPublished(), "yearly", "0.5");
        }
        for (Kind kind : new Kind[] {Kind.EXHIBIT, Kind.COLLECTION}) {
            for (PageSummary page : cms.listing(freshness, kind)) {
                url(xml, page.href(), page.lastPublished(), "monthly", "0.8");
            }
        }
        for (Season season : cms.masterpieceSeasons(freshness)) {
            for (Miniseries miniseries : season.miniseries()) {
                url(xml, miniseries.href(), null, "yearly", "0.5");
            }
        }
        xml.append("</urlset>\n");
        res.header(HeaderNames.CONTENT_TYPE, "application/xml; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        compression.send(req, res, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void url(StringBuilder xml, String path, String lastModified, String frequency, String priority) {
        xml.append("  <url><loc>").append(escape(site.absolute(path))).append("</loc>");
        if (lastModified != null && lastModified.length() >= 10) {
            xml.append("<lastmod>").append(escape(lastModified.substring(0, 10))).append("</lastmod>");
        }
        xml.append("<changefreq>").append(frequency).append("</changefreq><priority>").append(priority)
                .append("</priority></url>\n");
    }

    private void robots(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        compression.send(req, res, ("User-agent: *\nDisallow: /catalog\nDisallow: /preview\nSitemap: "
                + site.absolute("/sitemap.xml") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
