package org.openvault.backend.authors;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authors through the admin API over HTTP: live at once in the public API, If-Match, validation, roles, audit, and no
 * deleting an author an exhibit lists. Every author and page made here is named "Authors Admin …" and removed at the
 * end (other tests count the fixture's authors and live exhibits).
 */
class AuthorsAdminTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    static AdminApi editor;
    static AdminApi moderator;
    static long portrait;
    static long cover;
    static long hero;
    static final List<Integer> pages = new ArrayList<>();

    @BeforeAll
    static void accounts() {
        editor = AdminApi.signedIn(backend, "authorsadmin-editor", Role.EDITOR);
        moderator = AdminApi.signedIn(backend, "authorsadmin-moderator", Role.MODERATOR);
        backend.db().execute("INSERT INTO image (title, file, width, height) VALUES"
                + " ('Authors admin portrait', 'original_images/authorsadmin-portrait.jpg', 400, 500),"
                + " ('Authors admin cover', 'original_images/authorsadmin-cover.jpg', 1920, 1080),"
                + " ('Authors admin hero', 'original_images/authorsadmin-hero.jpg', 1600, 500)");
        portrait = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/authorsadmin-portrait.jpg'");
        cover = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/authorsadmin-cover.jpg'");
        hero = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/authorsadmin-hero.jpg'");
    }

    @AfterAll
    static void removeWhatWasMade() {
        for (int page : pages) {
            backend.db().execute("DELETE FROM page WHERE id = " + page);
        }
        backend.db().execute("DELETE FROM author WHERE name LIKE 'Authors Admin%'",
                "DELETE FROM image WHERE file LIKE 'original_images/authorsadmin-%'");
    }

    static String author(String name, String bio, Long imageId) {
        return AdminApi.body("name", name, "bio", bio, "image_id", imageId);
    }

    static JsonNode created(String name) {
        return AdminApi.json(editor.post("/authors/", author(name, "", null)), 201);
    }

    /** A live exhibit (made and published through the admin API) that lists these authors. */
    static JsonNode liveExhibit(String title, String slug, long... authorIds) {
        ObjectNode content = exhibitContent(title, slug, authorIds);
        ObjectNode body = ApiJson.MAPPER.createObjectNode().put("type", "exhibits.ExhibitPage").put("parent_id", 3);
        body.set("content", content);
        JsonNode page = AdminApi.json(editor.post("/pages/", body.toString()), 201);
        pages.add(page.get("id").asInt());
        return AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
    }

    static ObjectNode exhibitContent(String title, String slug, long... authorIds) {
        ObjectNode content = ApiJson.MAPPER.createObjectNode().put("title", title).put("slug", slug)
                .put("cover_image_id", cover).put("hero_image_id", hero);
        content.putArray("body").addObject().put("type", "text").put("value", "<p>About " + title + "</p>");
        for (long id : authorIds) {
            content.withArray("authors").addObject().put("author_id", id);
        }
        return content;
    }

    static long auditCount(String action, long authorId) {
        return backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = '" + action
                + "' AND object_type = 'author' AND object_id = '" + authorId + "'");
    }

    @Test
    void editorsCreateAuthorsWithASanitisedBioAndTheyAreLiveAtOnce() {
        HttpResponse<String> response = editor.post("/authors/", author("  Authors Admin Grace Hopper ",
                "<p onclick=\"x()\">Wrote <strong>compilers</strong><script>alert(1)</script></p>", portrait));
        JsonNode author = AdminApi.json(response, 201);
        long id = author.get("id").asLong();
        assertEquals("/api/admin/v1/authors/" + id, response.headers().firstValue("Location").orElseThrow());
        assertEquals(author.get("etag").asText(), response.headers().firstValue("ETag").orElseThrow());
        assertTrue(author.get("etag").asText().matches("\"a" + id + "-\\d+\""), author.get("etag").asText());
        assertEquals("Authors Admin Grace Hopper", author.get("name").asText(), "the name is stripped");
        assertEquals("<p>Wrote <b>compilers</b></p>", author.get("bio").asText());
        assertEquals(portrait, author.get("image_id").asLong());
        assertEquals("Authors admin portrait", author.at("/image/title").asText());
        assertEquals(0, author.get("used_by").size());
        assertEquals(1, auditCount("author.create", id));

        JsonNode pub = backend.getJson("/api/v2/authors/" + id + "/");
        assertEquals("Authors Admin Grace Hopper", pub.get("name").asText());
        assertEquals("<p>Wrote <b>compilers</b></p>", pub.get("bio").asText());
        assertEquals(portrait, pub.at("/image/id").asLong());

        HttpResponse<String> shown = editor.get("/authors/" + id);
        assertEquals(author.get("etag").asText(), shown.headers().firstValue("ETag").orElseThrow());
        assertEquals(author.get("etag").asText(), AdminApi.json(shown, 200).get("etag").asText());
    }

    @Test
    void invalidFieldsAre422WithPointersAndNothingIsStored() {
        long before = backend.db().queryLong("SELECT count(*) FROM author");
        JsonNode problem = AdminApi.problem(editor.post("/authors/",
                "{\"name\":\"" + "x".repeat(101) + "\",\"bio\":42,\"image_id\":999999,\"colour\":\"red\"}"),
                422, "validation_failed");
        assertEquals(List.of("too_long"), AdminApi.errorCodes(problem, "/name"));
        assertEquals(List.of("not_string"), AdminApi.errorCodes(problem, "/bio"));
        assertEquals(List.of("unknown_image"), AdminApi.errorCodes(problem, "/image_id"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(problem, "/colour"));
        JsonNode missing = AdminApi.problem(editor.post("/authors/", "{\"name\":\"   \",\"image_id\":\"seven\"}"),
                422, "validation_failed");
        assertEquals(List.of("required"), AdminApi.errorCodes(missing, "/name"));
        assertEquals(List.of("not_integer"), AdminApi.errorCodes(missing, "/image_id"));
        assertEquals(List.of("required"), AdminApi.errorCodes(
                AdminApi.json(editor.post("/authors/", "{}"), 422), "/name"));
        JsonNode nul = AdminApi.problem(editor.post("/authors/", author("Authors Admin \u0000", "<p>\u0000</p>", null)),
                422, "validation_failed");
        assertEquals(List.of("/name", "/bio"), AdminApi.errorPointers(nul), "PostgreSQL cannot store NUL: not a 500");
        assertEquals(before, backend.db().queryLong("SELECT count(*) FROM author"));
    }

    @Test
    void theListingIsSearchedByNameAndBioTextInAnyCase() {
        AdminApi.json(editor.post("/authors/", author("Authors Admin Quetzal Keeper", "", null)), 201);
        AdminApi.json(editor.post("/authors/", author("Authors Admin Plain", "<p>Studied the <i>QUETZAL</i>.</p>",
                null)), 201);
        AdminApi.json(editor.post("/authors/", author("Authors Admin Bold", "<p><b>Strong</b> opinions</p>", null)),
                201);
        JsonNode found = AdminApi.json(editor.get("/authors/?search=quetzal"), 200);
        List<String> names = new ArrayList<>();
        found.get("items").forEach(item -> names.add(item.get("name").asText()));
        assertEquals(List.of("Authors Admin Plain", "Authors Admin Quetzal Keeper"), names, "by name");
        assertEquals(1, AdminApi.json(editor.get("/authors/?search=STRONG"), 200).get("items").size());
        assertEquals(0, AdminApi.json(editor.get("/authors/?search=%3Cb%3E"), 200).get("items").size(),
                "markup is not searched");
        assertEquals(0, AdminApi.json(editor.get("/authors/?search=100%25"), 200).get("items").size(),
                "% is a character, not a wildcard");
        JsonNode page = AdminApi.json(editor.get("/authors/?limit=2&offset=1"), 200);
        assertEquals(2, page.get("items").size());
        assertEquals(2, page.get("limit").asInt());
        assertEquals(1, page.get("offset").asInt());
        assertEquals(400, editor.get("/authors/?limit=0").statusCode());
    }

    @Test
    void changesNeedIfMatchAndShowInThePublicApiAndTheExhibitsAtOnce() {
        JsonNode author = created("Authors Admin Before Rename");
        long id = author.get("id").asLong();
        JsonNode exhibit = liveExhibit("Authors Admin Renamed Exhibit", "authors-admin-renamed", id);
        int exhibitId = exhibit.get("id").asInt();
        assertEquals("Authors Admin Before Rename",
                backend.getJson("/api/v2/exhibits/" + exhibitId + "/").at("/authors/0/name").asText(),
                "the exhibit is live with the author (and now in the response cache)");

        String path = "/authors/" + id;
        String renamed = author("Authors Admin After Rename", "<p>New bio</p>", null);
        assertEquals("if_match_required", AdminApi.json(editor.put(path, renamed, null), 428).get("code").asText());
        String loaded = author.get("etag").asText();
        HttpResponse<String> saved = editor.put(path, renamed, loaded);
        JsonNode updated = AdminApi.json(saved, 200);
        assertNotEquals(loaded, updated.get("etag").asText());
        assertEquals(updated.get("etag").asText(), saved.headers().firstValue("ETag").orElseThrow());
        assertEquals("Authors Admin After Rename", updated.get("name").asText());
        assertEquals(1, updated.get("used_by").size());
        assertEquals(exhibitId, updated.at("/used_by/0/id").asInt());

        JsonNode publicAuthors = backend.getJson("/api/v2/authors/?limit=1000");
        boolean listed = false;
        for (JsonNode item : publicAuthors.get("items")) {
            if (item.get("id").asLong() == id) {
                assertEquals("Authors Admin After Rename", item.get("name").asText());
                listed = true;
            }
        }
        assertTrue(listed, "the author is in the public listing");
        assertEquals("Authors Admin After Rename",
                backend.getJson("/api/v2/exhibits/" + exhibitId + "/").at("/authors/0/name").asText(),
                "cached exhibit answers are renewed by the author's change");
        assertEquals("Authors Admin After Rename", backend.getJson("/api/v2/pages/" + exhibitId + "/")
                .at("/authors/0/name").asText());

        JsonNode stale = AdminApi.problem(editor.put(path, author("Authors Admin Lost Update", "", null), loaded),
                412, "stale_author");
        assertEquals("authorsadmin-editor", stale.get("updated_by").asText());
        assertEquals(updated.get("etag").asText(), stale.get("etag").asText());
        assertEquals("Authors Admin After Rename", AdminApi.json(editor.get(path), 200).get("name").asText());
        assertEquals(1, auditCount("author.update", id));
        assertEquals(404, editor.put("/authors/999999999", renamed, "*").statusCode());
    }

    @Test
    void anAuthorListedByAnExhibitLiveOrInADraftIsNotDeleted() {
        long live = created("Authors Admin Live Listed").get("id").asLong();
        long draftOnly = created("Authors Admin Draft Listed").get("id").asLong();
        JsonNode exhibit = liveExhibit("Authors Admin Listing Exhibit", "authors-admin-listing", live);
        int exhibitId = exhibit.get("id").asInt();
        // A draft of the live exhibit adds the second author: only the revision lists it, not the live tables.
        ObjectNode draft = exhibitContent("Authors Admin Listing Exhibit Draft", "authors-admin-listing", live, draftOnly);
        AdminApi.json(editor.put("/pages/" + exhibitId, "{\"content\":" + draft + "}", exhibit.get("etag").asText()),
                200);
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM exhibit_author WHERE author_id = " + draftOnly));

        JsonNode shown = AdminApi.json(editor.get("/authors/" + draftOnly), 200);
        assertEquals(1, shown.get("used_by").size());
        assertEquals(exhibitId, shown.at("/used_by/0/id").asInt());
        assertEquals("Authors Admin Listing Exhibit Draft", shown.at("/used_by/0/title").asText());
        assertTrue(shown.at("/used_by/0/live").asBoolean());

        for (long id : new long[] {live, draftOnly}) {
            String etag = AdminApi.json(moderator.get("/authors/" + id), 200).get("etag").asText();
            JsonNode problem = AdminApi.problem(moderator.delete("/authors/" + id, etag), 409, "author_in_use");
            assertEquals(exhibitId, problem.at("/used_by/0/id").asInt());
            assertEquals(200, moderator.get("/authors/" + id).statusCode(), "still there");
            assertEquals(0, auditCount("author.delete", id));
        }
    }

    @Test
    void moderatorsDeleteWithIfMatchEditorsMayNotAndAnonymousCallersAreRefused() {
        JsonNode author = created("Authors Admin Doomed");
        long id = author.get("id").asLong();
        String path = "/authors/" + id;
        String etag = author.get("etag").asText();
        AdminApi.problem(editor.delete(path, etag), 403, "forbidden");
        AdminApi.problem(moderator.delete(path, null), 428, "if_match_required");
        AdminApi.problem(moderator.delete(path, "\"a" + id + "-1\""), 412, "stale_author");
        HttpResponse<String> deleted = moderator.delete(path, etag);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, editor.get(path).statusCode());
        assertEquals(404, backend.get("/api/v2/authors/" + id + "/").statusCode());
        assertEquals(1, auditCount("author.delete", id));
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'author.delete'"
                + " AND object_title = 'Authors Admin Doomed' AND username = 'authorsadmin-moderator'"),
                "the entry keeps the deleted author's name and who deleted it");

        AdminApi anonymous = AdminApi.anonymous(backend);
        AdminApi.problem(anonymous.get("/authors/"), 401, "not_authenticated");
        AdminApi.problem(anonymous.get("/authors/" + id), 401, "not_authenticated");
        AdminApi.problem(anonymous.post("/authors/", author("Authors Admin Anonymous", "", null)), 401,
                "not_authenticated");
        AdminApi.problem(anonymous.put(path, author("Authors Admin Anonymous", "", null), "*"), 401,
                "not_authenticated");
        AdminApi.problem(anonymous.delete(path, "*"), 401, "not_authenticated");
        assertFalse(AdminApi.json(editor.get("/authors/?search=anonymous"), 200).get("items").elements().hasNext());
    }
}
