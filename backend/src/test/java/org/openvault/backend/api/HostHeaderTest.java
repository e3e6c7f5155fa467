package org.openvault.backend.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.backend.ContentFixture;
import org.openvault.backend.RunningBackend;
import org.openvault.testing.RawHttp;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Public URLs in answers (detail_url, find/ redirects, image URLs) come from configuration only: a Host (or
 * forwarded host) of the client's choosing never shows up in an answer, not even in one the response cache keeps and
 * gives to the next client. The backend here has no {@code ov.api.url}, so the API's origin is the site's.
 */
class HostHeaderTest {

    private static final String EVIL = "evil.example";
    private static final String SITE = "https://site.openvault.test";
    private static RunningBackend backend;

    @BeforeAll
    static void start() {
        backend = RunningBackend.start(TestDatabase.get(), Map.of("ov.api.url", "", "ov.site.url", SITE + "/"));
        ContentFixture.ensureLoaded(TestDatabase.get());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aForgedHostNeverReachesAnAnswer() {
        int exhibit = ContentFixture.id(TestDatabase.get(), "ex-featured-new");
        for (String target : List.of("/api/v2/pages/?limit=50", "/api/v2/pages/?fields=*",
                "/api/v2/exhibits/?fields=*", "/api/v2/exhibits/" + exhibit + "/", "/api/v2/pages/" + exhibit + "/",
                "/api/v2/collections/?fields=*", "/api/v2/authors/?fields=*", "/api/v2/images/?fields=*",
                "/api/v2/masterpiece/", "/api/v2/search/?q=the", "/api/v2/pages/find/?id=" + exhibit,
                "/api/v2/exhibits/find/?id=" + exhibit, "/api/v2/pages/find/?html_path=/", "/api/v2/nothing/")) {
            RawHttp.Response answer = forged(target);
            assertTrue(answer.status() > 0 && answer.status() < 500, target + " -> " + answer.head());
            assertFalse(answer.text().contains(EVIL), target + " -> " + answer.text());
            if (answer.status() == 302) {
                assertTrue(answer.header("Location").orElseThrow().startsWith(SITE + "/api/v2/"),
                        answer.head());
            }
        }
        assertTrue(forged("/api/v2/exhibits/" + exhibit + "/").body()
                .contains("\"detail_url\":\"" + SITE + "/api/v2/exhibits/" + exhibit + "/\""));
    }

    @Test
    void anAnswerKeptAfterAForgedHostIsTheSameForEveryone() {
        String target = "/api/v2/exhibits/?limit=2";
        RawHttp.Response first = forged(target);
        RawHttp.Response second = RawHttp.get(backend.baseUrl(), target);
        assertEquals(200, second.status());
        assertEquals(first.body(), second.body());
        assertFalse(second.body().contains(EVIL));
    }

    private static RawHttp.Response forged(String target) {
        return RawHttp.exchange(backend.baseUrl(), "GET " + target + " HTTP/1.1\r\nHost: " + EVIL
                + "\r\nX-Forwarded-Host: " + EVIL + "\r\nX-Forwarded-Proto: https\r\nForwarded: host=" + EVIL
                + ";proto=https\r\nConnection: close\r\n\r\n");
    }
}
