package org.openvault.frontend;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What editors publish through the admin API reaches the public site: the backend's API and search show it in the
 * same request after the publish commits, and the site shows it once its micro-cache window (ov.api.cache.fresh-ms,
 * 1 s by default, as this frontend runs) has passed; an unpublished page is gone from the site the same way.
 */
class EditorsPublishTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FRESH_MS = 1000;
    private static final String TOKEN = "ov_site_test_moderator_token_0123456789abcdef";

    private static RunningSite site;
    private static WebServer frontend;

    @BeforeAll
    static void start() {
        site = RunningSite.get();
        frontend = RunningSite.startFrontend("http://127.0.0.1:" + site.backend.port(),
                Map.of("ov.api.cache.fresh-ms", Long.toString(FRESH_MS)));
        site.db.execute("INSERT INTO app_user (username, role) VALUES ('site-publisher', 'moderator')",
                "INSERT INTO auth_session (user_id, kind, secret_hash, expires_at) SELECT id, 'token',"
                        + " sha256(convert_to('" + TOKEN + "', 'UTF8')), now() + interval '1 hour' FROM app_user"
                        + " WHERE username = 'site-publisher'");
    }

    @AfterAll
    static void stop() {
        frontend.stop();
        site.db.execute("DELETE FROM page WHERE owner_id = (SELECT id FROM app_user WHERE username = 'site-publisher')");
    }

    private static HttpResponse<String> admin(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.backend.port()
                        + "/api/admin/v1" + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return RunningSite.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String backendGet(String path) throws Exception {
        return RunningSite.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.backend.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aPublishShowsInTheApiAndSearchAtOnceAndOnTheSiteWithinTheCacheWindow() throws Exception {
        long image = site.db.queryLong("SELECT id FROM image ORDER BY id LIMIT 1");
        String slug = "editors-publish-quetzal";
        JsonNode page = ok(admin("POST", "/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,\"content\":"
                + "{\"title\":\"Quetzal Feathers\",\"slug\":\"" + slug + "\",\"cover_image_id\":" + image
                + ",\"hero_image_id\":" + image + ",\"body\":[{\"type\":\"text\",\"value\":\"<p>Green.</p>\"}]}}",
                null), 201);
        assertEquals(404, RunningSite.get(frontend, "/exhibits/" + slug).statusCode(), "a draft is not on the site");

        page = ok(admin("POST", "/pages/" + page.get("id").asInt() + "/publish", null, page.get("etag").asText()), 200);
        assertTrue(backendGet("/api/v2/pages/?slug=" + slug + "&type=exhibits.ExhibitPage").contains("Quetzal Feathers"),
                "the API shows it at once");
        assertTrue(backendGet("/api/v2/search/?q=quetzal").contains(slug), "search finds it at once");
        Thread.sleep(FRESH_MS);
        HttpResponse<String> live = RunningSite.get(frontend, "/exhibits/" + slug);
        assertEquals(200, live.statusCode());
        assertTrue(live.body().contains("Quetzal Feathers"));
        assertTrue(RunningSite.get(frontend, "/search?q=quetzal").body().contains("/exhibits/" + slug));

        ok(admin("POST", "/pages/" + page.get("id").asInt() + "/unpublish", null, page.get("etag").asText()), 200);
        assertFalse(backendGet("/api/v2/pages/?slug=" + slug + "&type=exhibits.ExhibitPage").contains("Quetzal"));
        Thread.sleep(FRESH_MS);
        assertEquals(404, RunningSite.get(frontend, "/exhibits/" + slug).statusCode(), "unpublished: off the site");
    }
}
