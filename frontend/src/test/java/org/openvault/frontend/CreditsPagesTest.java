package org.openvault.frontend;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credits page and its ten project sub-pages static CMS pages under /credits. */
class CreditsPagesTest {

    private static final RunningSite SITE = RunningSite.get();
    private static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("openvault", "Credits: Open Vault");
        TITLES.put("research", "Credits: Digital Library Initiative");
        TITLES.put("vietnam", "Credits: The Vietnam Collection");
        TITLES.put("ten-oclock-news", "Credits: 10 O'Clock News");
        TITLES.put("say-brother", "Credits: Say Brother");
        TITLES.put("new-television-workshop", "Credits: New Television Workshop");
        TITLES.put("war-and-peace-in-the-nuclear-age", "Credits: Open Vault War and Peace in the Nuclear Age");
        TITLES.put("the-advocates", "Credits: The Advocates");
        TITLES.put("march-on-washington", "Credits: March on Washington");
        TITLES.put("rock-and-roll", "Credits: Rock and Roll");
    }

    @Test
    void everySubPageHasItsTitleAndOwnMetaTitle() {
        String creditsTitle = SITE.html("/credits").title().replace(" | GBH Open Vault", "");
        for (Map.Entry<String, String> page : TITLES.entrySet()) {
            String path = "/credits/" + page.getKey();
            HttpResponse<String> response = SITE.get(path);
            assertEquals(200, response.statusCode(), path);
            Document html = Jsoup.parse(response.body());
            SiteShellTest.assertShell(html);
            assertEquals(page.getValue(), html.selectFirst("h1.page-titlebar-title").text(), path);
            assertEquals(page.getValue() + " | GBH Open Vault", html.title(), path);
            assertFalse(html.selectFirst("meta[name=description]").attr("content").isBlank(), path);
            assertFalse(html.select(".static-body p").isEmpty(), path);
            String text = html.selectFirst(".static-body").text();
            for (String placeholder : List.of("[", "TODO", "TBD", "Lorem", "Name")) {
                assertFalse(text.contains(placeholder), path + " has a placeholder: " + text);
            }
            assertFalse(response.body().contains("s3.amazonaws.com"), path);
            var back = html.selectFirst("nav.static-back a");
            assertNotNull(back, path + " links back to the credits page");
            assertEquals("/credits", back.attr("href"), path);
            assertEquals("<< Back to " + creditsTitle, back.text(), path);
        }
        assertNull(SITE.html("/credits").selectFirst("nav.static-back"), "a top-level page has no back link");
        assertNull(SITE.html("/about").selectFirst("nav.static-back"));
        // The original gave this page the about page's meta title.
        assertEquals("Credits: The Vietnam Collection | GBH Open Vault", SITE.html("/credits/vietnam/").title());
    }

    @Test
    void creditsGroupRolesUnderTheirNames() {
        Document html = SITE.html("/credits/openvault");
        List<String> groups = html.select(".static-credits .purple.bold.spaced").eachText();
        assertTrue(groups.containsAll(List.of("Project Management", "Business Manager", "Content Production",
                "GBH Legal", "Copy Editor", "Web Production")), groups.toString());
        assertTrue(html.select(".static-credits .black").size() >= groups.size());
        assertTrue(html.selectFirst(".static-body").text().contains("Institute of Museum and Library Services"));
        List<String> vietnam = SITE.html("/credits/vietnam").select(".static-credits .black").eachText();
        assertTrue(vietnam.containsAll(List.of("ABC News", "CBS News", "University of Massachusetts Boston")), vietnam.toString());
    }

    @Test
    void theCreditsPageLinksToEverySubPage() {
        Document credits = SITE.html("/credits");
        assertEquals("Additional Project Credits", credits.select(".static-body h2").last().text());
        for (String slug : TITLES.keySet()) {
            assertNotNull(credits.selectFirst(".static-body a[href=/credits/" + slug + "]"), slug);
        }
        String sitemap = SITE.get("/sitemap.xml").body();
        assertTrue(sitemap.contains(RunningSite.PUBLIC_URL + "/credits/rock-and-roll</loc>"));
    }
}
