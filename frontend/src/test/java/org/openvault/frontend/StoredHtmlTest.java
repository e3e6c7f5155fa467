package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTML stored straight into the database, past the editors' API and its cleaning, reaches readers cleaned: no script,
 * event handler, javascript: link or inline frame document survives in any rich-text field, html block or static
 * page; and every page sends a Content-Security-Policy that allows scripts from the site only.
 */
class StoredHtmlTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One of each attack, around text and a site link that must survive. */
    private static final String PAYLOADS = "<p>Before<script>alert('script')</script>"
            + "<img src=\"x\" onerror=\"alert('onerror')\">"
            + "<a href=\"javascript:alert('link')\">js link</a>"
            + "<a href=\" JaVaScRiPt:alert('spaced')\">spaced link</a>"
            + "<iframe srcdoc=\"&lt;script&gt;alert('srcdoc')&lt;/script&gt;\"></iframe>"
            + "<b onclick=\"alert('onclick')\">bold</b>"
            + "<style>main{display:none}</style>"
            + "<a href=\"/exhibits/voices-of-the-vietnam-era\">site link</a>After</p>";
    private static final String AAPB_PLAYER = RunningSite.AAPB + "/openvault/cpb-aacip-15-kept";
    private static final String FOOTNOTE = "6c1e0a7d-0000-4000-8000-000000000001";

    @BeforeAll
    static void storeHostileContent() throws SQLException {
        ArrayNode body = JSON.createArrayNode();
        body.add(block("heading", PAYLOADS));
        body.add(block("text", PAYLOADS.replace("After", "<footnote id=\"" + FOOTNOTE + "\">[6c1e0a]</footnote>After")));
        body.add(block("html", PAYLOADS + "<iframe src=\"" + AAPB_PLAYER + "\" title=\"kept\"></iframe>"
                + "<iframe src=\"https://evil.example/frame\" title=\"dropped\"></iframe>"));
        body.add(block("credits", PAYLOADS));
        ObjectNode group = JSON.createObjectNode().put("special_collections", "").put("show_title", true)
                .put("show_thumbnail", true).put("show_sidebar", true).put("title", PAYLOADS).put("access_level", "online");
        group.putArray("guids").add("cpb-aacip-15-hostile");
        body.add(JSON.createObjectNode().put("type", "interviews").put("id", "6c1e0a7d-0000-4000-8000-0000000000b9")
                .set("value", group));
        try (Connection db = SITE.db.connect()) {
            update(db, "INSERT INTO page (id, type, slug, title, draft_title, live, search_description, first_published_at,"
                    + " last_published_at, parent_id) OVERRIDING SYSTEM VALUE VALUES"
                    + " (9601, 'exhibits.ExhibitPage', 'stored-html-exhibit', 'Stored html', 'Stored html', true, '', now(), now(), 3),"
                    + " (9602, 'ov_collections.Collection', 'stored-html-collection', 'Stored html', 'Stored html', true, '', now(), now(), 3),"
                    + " (9603, 'staticpages.StaticPage', 'stored-html-page', 'Stored html', 'Stored html', true, '', now(), now(), 3)");
            update(db, "INSERT INTO exhibit (page_id, featured, body) VALUES (9601, false, ?::jsonb)", body.toString());
            update(db, "INSERT INTO author (id, name, bio) OVERRIDING SYSTEM VALUE VALUES (9611, 'Stored Author', ?)", PAYLOADS);
            update(db, "INSERT INTO exhibit_author (page_id, author_id, sort_order) VALUES (9601, 9611, 0)");
            update(db, "INSERT INTO footnote (page_id, uuid, text, sort_order) VALUES (9601, ?::uuid, ?, 0)", FOOTNOTE, PAYLOADS);
            update(db, "INSERT INTO collection (page_id, featured, introduction, content) VALUES (9602, false, ?, ?::jsonb)",
                    PAYLOADS, JSON.createArrayNode().add(block("text", PAYLOADS)).toString());
            update(db, "INSERT INTO static_page (page_id, subtitle, body) VALUES (9603, '', ?)", PAYLOADS);
        }
    }

    @Test
    void everyRichTextFieldOfAnExhibitIsCleaned() {
        Document html = cleanPage("/exhibits/stored-html-exhibit");
        int survivors = html.select("main a[href=/exhibits/voices-of-the-vietnam-era]").size();
        assertTrue(survivors >= 6, "heading, text, html, credits, group title, bio and footnote keep their text and site link: "
                + survivors);
        assertEquals("1", html.selectFirst("main a.footnote-link").text(), "footnote markers still become links");
        assertNotNull(html.selectFirst("main li.footnote-content b"), "the footnote keeps its formatting");
    }

    @Test
    void htmlBlocksKeepOnlyTheAapbPlayerFrame() {
        Document html = cleanPage("/exhibits/stored-html-exhibit");
        List<String> frames = html.select("main .content-html iframe").eachAttr("src");
        assertEquals(List.of(AAPB_PLAYER), frames);
    }

    @Test
    void aCollectionsIntroductionAndContentAreCleaned() {
        Document html = cleanPage("/collections/stored-html-collection");
        assertEquals(2, html.select("main a[href=/exhibits/voices-of-the-vietnam-era]").size());
    }

    @Test
    void aStaticPageIsCleaned() {
        Document html = cleanPage("/stored-html-page");
        assertEquals(1, html.select("main a[href=/exhibits/voices-of-the-vietnam-era]").size());
    }

    @Test
    void pagesAllowScriptsFromTheSiteOnlyAndFramesFromAapb() {
        for (String path : List.of("/", "/exhibits/voices-of-the-vietnam-era", "/no-such-page", "/search?q=vietnam")) {
            HttpResponse<String> response = SITE.get(path);
            String policy = response.headers().firstValue("content-security-policy").orElse("");
            assertTrue(policy.contains("script-src 'self';"), path + ": " + policy);
            assertTrue(policy.contains("default-src 'self'"), policy);
            assertTrue(policy.contains("style-src 'self';"), policy);
            assertTrue(policy.contains("object-src 'none'"), policy);
            assertTrue(policy.contains("frame-src " + RunningSite.AAPB + ";"), policy);
            assertTrue(policy.contains("img-src 'self' http://127.0.0.1:" + SITE.backend.port() + ";"), policy);
        }
    }

    private static Document cleanPage(String path) {
        HttpResponse<String> response = SITE.get(path);
        assertEquals(200, response.statusCode(), path);
        String body = response.body();
        assertFalse(body.contains("alert("), path + " carries a payload: " + body);
        Document html = Jsoup.parse(body);
        assertEquals(1, html.select("script").size(), "only the site's own script");
        for (Element element : html.getAllElements()) {
            assertFalse(element.hasAttr("srcdoc"), path);
            assertFalse(element.tagName().equals("style"), path);
            for (Attribute attribute : element.attributes()) {
                assertFalse(attribute.getKey().toLowerCase(Locale.ROOT).startsWith("on"), path + ": " + element);
                assertFalse(attribute.getValue().strip().toLowerCase(Locale.ROOT).startsWith("javascript:"), path + ": " + element);
            }
        }
        assertTrue(html.selectFirst("main").text().contains("Before"), "the text around the payloads stays");
        assertTrue(html.selectFirst("main").text().contains("bold"));
        return html;
    }

    private static int blocks;

    private static ObjectNode block(String type, String value) {
        return JSON.createObjectNode().put("type", type).put("value", value)
                .put("id", "6c1e0a7d-0000-4000-8000-0000000001%02d".formatted(++blocks));
    }

    private static void update(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
