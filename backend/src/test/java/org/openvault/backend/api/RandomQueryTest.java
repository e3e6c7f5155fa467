package org.openvault.backend.api;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.ContentFixture;
import org.openvault.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property: no query string, however malformed, makes a listing or detail answer 5xx; every answer is JSON. */
class RandomQueryTest {

    private static final List<String> NAMES = List.of("limit", "offset", "order", "fields", "search", "search_operator",
            "type", "child_of", "ancestor_of", "descendant_of", "slug", "featured", "id", "title", "first_published_at",
            "last_published_at", "cover_image", "show_in_menus", "html_path", "format", "locale", "site", "_", "x",
            "content_type", "token", "introduction", "alias_of", "path",
            "width", "height", "tags");
    private static final List<String> VALUES = List.of("", "0", "1", "-1", "20", "999999", "99999999999999999999",
            "true", "false", "yes", "random", "-title", "title,-id", "random,title", "*", "_", "_,title", "-authors",
            "authors(_,name)", "authors(", "a,,b", "%00", "%zz", "%ff%fe", "%E2%9C%93", "root", "3", "exhibits.ExhibitPage",
            "ExhibitPage", "a.b", "'", "%27%3B--", "%22", "/%00", "/about%00", "2024-01-01", "2024-13-45T99:00", "+5", "1_0", "%20", "%2C",
            "(", ")", "((", "*,-body", "-", "--", "\\", "%5C", "null", "NaN", "1e3", "0x10");
    private static final List<String> PATHS = List.of("/api/v2/pages/", "/api/v2/exhibits/", "/api/v2/collections/",
            "/api/v2/authors/", "/api/v2/pages/3/", "/api/v2/exhibits/%d/", "/api/v2/collections/%d/",
            "/api/v2/pages/find/", "/api/v2/exhibits/find/", "/api/v2/page_preview/1/",
            "/api/v2/images/", "/api/v2/images/1/", "/api/v2/images/find/", "/api/v2/static_pages/",
            "/api/v2/redirects/");

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    @Test
    void randomQueryStringsNeverGiveA5xx() {
        Random random = new Random(20261128);
        int exhibit = ContentFixture.id(backend.db(), "ex-featured-new");
        int collection = ContentFixture.id(backend.db(), "col-a");
        for (String template : PATHS) {
            String path = template.replace("exhibits/%d", "exhibits/" + exhibit).replace("collections/%d", "collections/" + collection);
            for (int i = 0; i < 60; i++) {
                StringBuilder query = new StringBuilder("?");
                int params = 1 + random.nextInt(4);
                for (int p = 0; p < params; p++) {
                    String name = random.nextInt(10) == 0 ? randomText(random) : NAMES.get(random.nextInt(NAMES.size()));
                    String value = random.nextInt(6) == 0 ? randomText(random) : VALUES.get(random.nextInt(VALUES.size()));
                    query.append(p == 0 ? "" : "&").append(name).append('=').append(value);
                }
                RawHttp.Response response = RawHttp.get(backend.baseUrl(), path + query);
                assertTrue(response.status() < 500, path + query + " answered " + response.status() + ": " + response.body());
                if (response.status() != 302) {
                    JsonNode body = ApiJson.parse(response.body());
                    assertTrue(body.isObject(), path + query);
                }
            }
        }
    }

    /** URL-safe random text, sometimes percent-encoded bytes of any value. */
    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                s.append('%').append(String.format("%02X", random.nextInt(256)));
            } else {
                s.append("abcXYZ019_-.,()*~".charAt(random.nextInt(17)));
            }
        }
        return s.toString();
    }
}
