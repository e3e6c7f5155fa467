package org.openvault.backend.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 500 random JSON bodies for every write endpoint of the admin API: every answer is 2xx or 4xx, never 5xx. */
class AdminRobustnessTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static final int BODIES = 500;

    static AdminApi administrator;
    static int page;
    static long image;
    static long author;
    static long authorsBefore;
    static long previewsBefore;

    @BeforeAll
    static void account() {
        administrator = AdminApi.signedIn(backend, "robust-admin", Role.ADMINISTRATOR)
                .from("192.0.2.77");
        page = (int) AdminApi.json(administrator.post("/pages/", "{\"type\":\"staticpages.StaticPage\","
                + "\"parent_id\":3,\"content\":{\"title\":\"Robustness target\"}}"), 201).get("id").asInt();
        authorsBefore = backend.db().queryLong("SELECT coalesce(max(id), 0) FROM author");
        previewsBefore = backend.db().queryLong("SELECT coalesce(max(id), 0) FROM page_preview");
        backend.db().execute("INSERT INTO author (name) VALUES ('Robustness author')",
                "INSERT INTO image (title, file, width, height) VALUES ('Robustness', 'original_images/robust.jpg', 640, 480)");
        author = backend.db().queryLong("SELECT id FROM author WHERE name = 'Robustness author'");
        image = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/robust.jpg'");
    }

    @AfterAll
    static void removeWhatItMade() {
        AdminFixture.removePagesOf(backend.db(), "robust-");
        backend.db().execute("DELETE FROM author WHERE id > " + authorsBefore, "DELETE FROM image WHERE id = " + image,
                "DELETE FROM page_preview WHERE id > " + previewsBefore);
    }

    private String etag() {
        return administrator.get("/pages/" + page).headers().firstValue("ETag").orElse("*");
    }

    @Test
    void randomBodiesNeverGetA5xx() {
        List<String> failures = new ArrayList<>();
        List<String> neverValidated = new ArrayList<>();
        String[][] endpoints = {
            {"POST", "/pages/"}, {"PUT", "/pages/{page}"}, {"POST", "/pages/{page}/publish"},
            {"POST", "/pages/{page}/schedule"}, {"POST", "/pages/{page}/move"}, {"POST", "/users/"},
            {"PATCH", "/users/{me}"}, {"POST", "/tokens/"}, {"POST", "/session"}, {"PUT", "/me/password"},
            {"POST", "/masterpiece/miniseries/"}, {"PUT", "/masterpiece/seasons/999"},
            {"POST", "/authors/"}, {"PUT", "/authors/{author}"}, {"POST", "/previews/"}, {"PATCH", "/images/{image}"},
            {"PUT", "/users/{me}/password"},
        };
        long me = backend.db().queryLong("SELECT id FROM app_user WHERE username = 'robust-admin'");
        for (String[] endpoint : endpoints) {
            RandomBodies bodies = new RandomBodies(endpoint[1].hashCode() * 31L + endpoint[0].hashCode());
            String path = endpoint[1].replace("{page}", Integer.toString(page)).replace("{me}", Long.toString(me))
                    .replace("{author}", Long.toString(author)).replace("{image}", Long.toString(image));
            boolean needsEtag = path.startsWith("/pages/" + page);
            String anyVersion = path.startsWith("/authors/" + author) ? "*" : null;
            java.util.Set<Integer> statuses = new java.util.TreeSet<>();
            for (int i = 0; i < BODIES; i++) {
                String body = bodies.object().toString();
                if (endpoint[0].equals("PUT") && path.equals("/pages/" + page) && i % 2 == 0) {
                    body = "{\"content\":" + body + "}";
                }
                HttpResponse<String> response = administrator.send(endpoint[0], path, body,
                        needsEtag ? etag() : anyVersion);
                statuses.add(response.statusCode());
                if (response.statusCode() >= 500) {
                    failures.add(endpoint[0] + " " + path + " " + body + " -> " + response.statusCode() + " "
                            + response.body());
                }
            }
            if (!statuses.contains(422)) {
                neverValidated.add(endpoint[0] + " " + path + " " + statuses);
            }
        }
        assertEquals(List.of(), failures.stream().limit(10).toList());
        assertEquals(List.of(), neverValidated, "the bodies reach the field checks of every endpoint");
    }
}
