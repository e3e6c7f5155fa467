package org.openvault.backend.staticpages;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/v2/static_pages/}: the site's fixed pages as CMS content. */
class StaticPagesApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void listsEveryLiveStaticPageWithItsSitePath() {
        JsonNode all = backend.getJson("/api/v2/static_pages/");
        List<String> paths = new ArrayList<>();
        all.path("items").forEach(item -> paths.add(item.at("/meta/path").asText()));
        assertTrue(paths.containsAll(List.of("/about", "/faq", "/contact-us", "/visit-us", "/privacy-policy", "/terms",
                "/credits")), paths.toString());
        JsonNode first = all.path("items").get(0);
        assertEquals("staticpages.StaticPage", first.at("/meta/type").asText());
        assertTrue(first.path("body").isMissingNode(), "the listing leaves bodies out");
    }

    @Test
    void onePageByPathWithItsBody() {
        JsonNode about = backend.getJson("/api/v2/static_pages/?path=/about/");
        assertEquals("About Open Vault", about.path("title").asText());
        assertEquals("about", about.at("/meta/slug").asText());
        assertTrue(about.path("body").asText().contains("<h2>"));
        assertTrue(about.at("/meta/last_published_at").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }

    @Test
    void childPagesDraftsAndUnknownPaths() {
        backend.db().execute("INSERT INTO page (type, slug, title, draft_title, live, parent_id) SELECT 'staticpages.StaticPage', "
                        + "'openvault-team', 'Credits: Open Vault', 'Credits: Open Vault', true, id FROM page WHERE slug = 'credits' AND parent_id = 3",
                "INSERT INTO static_page (page_id, body) SELECT id, '<p>Team.</p>' FROM page WHERE slug = 'openvault-team'",
                "INSERT INTO page (type, slug, title, draft_title, live, parent_id) VALUES ('staticpages.StaticPage', 'hidden-draft', 'Draft', 'Draft', false, 3)",
                "INSERT INTO static_page (page_id, body) SELECT id, '<p>Draft.</p>' FROM page WHERE slug = 'hidden-draft'");
        assertEquals("Credits: Open Vault", backend.getJson("/api/v2/static_pages/?path=/credits/openvault-team").path("title").asText());
        assertEquals(404, backend.get("/api/v2/static_pages/?path=/hidden-draft").statusCode());
        assertEquals(404, backend.get("/api/v2/static_pages/?path=/no-such-page").statusCode());
        assertEquals(400, backend.get("/api/v2/static_pages/?path=about").statusCode());
    }
}
