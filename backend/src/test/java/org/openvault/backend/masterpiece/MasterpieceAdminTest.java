package org.openvault.backend.masterpiece;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Masterpiece collection through the admin API over HTTP: seasons and miniseries live at once in the public API,
 * keys made from titles, validation by JSON pointer, If-Match, deletes, roles and audit. Everything made here is in
 * seasons from 900 up with keys starting "masterpieceadmin", and is removed at the end (MasterpieceApiTest counts
 * the collection's 21 seasons and 103 miniseries).
 */
class MasterpieceAdminTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    static AdminApi editor;
    static AdminApi moderator;

    @BeforeAll
    static void accounts() {
        editor = AdminApi.signedIn(backend, "masterpieceadmin-editor", Role.EDITOR);
        moderator = new AdminApi(backend, AdminFixture.tokenFor(backend.db(), "masterpieceadmin-moderator",
                Role.MODERATOR));
    }

    @AfterAll
    static void removeWhatWasMade() {
        backend.db().execute("DELETE FROM masterpiece_miniseries WHERE key LIKE 'masterpieceadmin%'"
                        + " OR season_number >= 900",
                "DELETE FROM masterpiece_season WHERE number >= 900");
    }

    static String miniseries(Object... namesAndValues) {
        return AdminApi.body(namesAndValues);
    }

    static void season(int number, String years) {
        HttpResponse<String> response = editor.put("/masterpiece/seasons/" + number, AdminApi.body("years", years),
                null);
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.body());
    }

    static JsonNode created(int season, String title) {
        return AdminApi.json(editor.post("/masterpiece/miniseries/", miniseries("season_number", season, "title", title)),
                201);
    }

    static long audits(String action, String objectId) {
        return backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = '" + action
                + "' AND object_id = '" + objectId + "'");
    }

    static JsonNode publicSeason(int number) {
        for (JsonNode season : backend.getJson("/api/v2/masterpiece/").get("items")) {
            if (season.get("number").asInt() == number) {
                return season;
            }
        }
        return null;
    }

    @Test
    void aMiniseriesInANewSeasonIsInThePublicApiAtOnce() {
        HttpResponse<String> made = editor.put("/masterpiece/seasons/901", AdminApi.body("years", "2031"), null);
        JsonNode season = AdminApi.json(made, 201);
        assertEquals("/api/admin/v1/masterpiece/seasons/901", made.headers().firstValue("Location").orElseThrow());
        assertEquals(901, season.get("number").asInt());
        assertEquals(0, season.get("miniseries_count").asInt());
        JsonNode changed = AdminApi.json(editor.put("/masterpiece/seasons/901",
                AdminApi.body("years", " 2031–2032 "), null), 200);
        assertEquals("2031–2032", changed.get("years").asText(), "stripped");
        assertEquals("2031–2032", publicSeason(901).get("years").asText());
        assertEquals(2, audits("masterpiece.season.update", "901"));

        HttpResponse<String> response = editor.post("/masterpiece/miniseries/", miniseries("season_number", 901,
                "title", "The Masterpiece Admin Émigrés", "description", "  Exiles in London.\r\nA second line.  ",
                "broadcast_date", "2031-10-05"));
        JsonNode created = AdminApi.json(response, 201);
        String key = "masterpieceadminemigresthe";
        assertEquals(key, created.get("key").asText(), "made from the title");
        assertEquals("/api/admin/v1/masterpiece/miniseries/" + key,
                response.headers().firstValue("Location").orElseThrow());
        assertEquals(created.get("etag").asText(), response.headers().firstValue("ETag").orElseThrow());
        assertEquals("Exiles in London.\nA second line.", created.get("description").asText());
        assertEquals(1, created.get("sort_order").asInt(), "first of its season");
        assertEquals(1, audits("masterpiece.miniseries.create", key));

        JsonNode listed = publicSeason(901);
        assertEquals(1, listed.get("miniseries").size());
        assertEquals(key, listed.at("/miniseries/0/key").asText());
        JsonNode detail = backend.getJson("/api/v2/masterpiece/" + key + "/");
        assertEquals("The Masterpiece Admin Émigrés", detail.get("title").asText());
        assertEquals("Exiles in London.\nA second line.", detail.get("description").asText());
        assertEquals("2031-10-05", detail.get("broadcast_date").asText());
        assertEquals(901, detail.get("season").asInt());
        assertEquals("http://localhost/miniseries/" + key, detail.at("/meta/html_url").asText());

        HttpResponse<String> shown = editor.get("/masterpiece/miniseries/" + key);
        assertEquals(created, AdminApi.json(shown, 200));
        assertEquals(created.get("etag").asText(), shown.headers().firstValue("ETag").orElseThrow());
        JsonNode second = created(901, "Masterpiece Admin Second");
        assertEquals(2, second.get("sort_order").asInt(), "after the season's last");
        assertTrue(second.get("broadcast_date").isNull());
        assertTrue(second.get("description").isNull());

        JsonNode seasons = AdminApi.json(editor.get("/masterpiece/seasons/"), 200).get("items");
        assertEquals(1, seasons.get(0).get("number").asInt());
        assertEquals(10, seasons.get(0).get("miniseries_count").asInt());
        assertEquals(2, AdminApi.json(editor.get("/masterpiece/seasons/901"), 200).get("miniseries_count").asInt());
    }

    @Test
    void keysAreMadeFromTitlesAsTheCollectionsKeysWere() {
        assertEquals("firstchurchillsthe", MasterpieceAdminService.keyFor("The First Churchills"));
        assertEquals("iclaudius", MasterpieceAdminService.keyFor("I, Claudius"));
        assertEquals("peregoriot", MasterpieceAdminService.keyFor("Père Goriot"));
        assertEquals("townlikealicea", MasterpieceAdminService.keyFor("A Town Like Alice"));
        assertEquals("andanightingalesang", MasterpieceAdminService.keyFor("And a Nightingale Sang"));
        assertEquals("winstonchurchillthewildernessyears",
                MasterpieceAdminService.keyFor("Winston Churchill: The Wilderness Years"));
        assertEquals("otherpartoftheforestan", MasterpieceAdminService.keyFor("An Other Part of the Forest"),
                "An goes last too");
        assertEquals("strassederkinder", MasterpieceAdminService.keyFor("Straße der Kinder"));
        assertEquals("theatre", MasterpieceAdminService.keyFor("Theatre"), "only a whole leading word is an article");
        List<String> wrong = new ArrayList<>();
        for (JsonNode season : backend.getJson("/api/v2/masterpiece/").get("items")) {
            for (JsonNode item : season.get("miniseries")) {
                if (!item.get("key").asText().equals(MasterpieceAdminService.keyFor(item.get("title").asText()))) {
                    wrong.add(item.get("key").asText() + " <- " + item.get("title").asText());
                }
            }
        }
        assertEquals(List.of(), wrong, "every key of the collection is the one its title makes");

        season(902, "2032");
        assertEquals("masterpieceadminkeysa", created(902, "A Masterpiece Admin Keys").get("key").asText());
        JsonNode taken = AdminApi.problem(editor.post("/masterpiece/miniseries/",
                miniseries("season_number", 902, "title", "A  Masterpiece-Admin keys!")), 422, "validation_failed");
        assertEquals(List.of("taken"), AdminApi.errorCodes(taken, "/key"));
        assertEquals("masterpieceadminexplicit", AdminApi.json(editor.post("/masterpiece/miniseries/",
                miniseries("key", "masterpieceadminexplicit", "season_number", 902, "title", "A Masterpiece Admin Keys")),
                201).get("key").asText(), "a key given is used");
        AdminApi.problem(editor.post("/masterpiece/miniseries/", miniseries("key", "firstchurchillsthe",
                "season_number", 902, "title", "Masterpiece Admin Thief")), 422, "validation_failed");
        assertEquals(List.of("invalid_key"), AdminApi.errorCodes(AdminApi.json(editor.post("/masterpiece/miniseries/",
                miniseries("key", "Masterpiece-Admin", "season_number", 902, "title", "Masterpiece Admin Bad Key")),
                422), "/key"));
        assertEquals(List.of("required"), AdminApi.errorCodes(AdminApi.json(editor.post("/masterpiece/miniseries/",
                miniseries("season_number", 902, "title", "¿¡…!?")), 422), "/key"), "nothing to make a key of");
        assertEquals(List.of("too_long"), AdminApi.errorCodes(AdminApi.json(editor.post("/masterpiece/miniseries/",
                miniseries("season_number", 902, "title", "Masterpiece Admin " + "long ".repeat(30))), 422), "/key"));
        assertEquals(2, AdminApi.json(editor.get("/masterpiece/seasons/902"), 200).get("miniseries_count").asInt());
    }

    @Test
    void invalidFieldsAre422WithPointersAndNothingIsStored() {
        long before = backend.db().queryLong("SELECT count(*) FROM masterpiece_miniseries");
        JsonNode problem = AdminApi.problem(editor.post("/masterpiece/miniseries/", "{\"key\":5,"
                + "\"season_number\":99999,\"title\":\"" + "x".repeat(256) + "\",\"description\":\"<p>Hi</p>\","
                + "\"broadcast_date\":\"1971-02-30\",\"sort_order\":-1,\"colour\":\"red\"}"), 422, "validation_failed");
        assertEquals(List.of("not_string"), AdminApi.errorCodes(problem, "/key"));
        assertEquals(List.of("out_of_range"), AdminApi.errorCodes(problem, "/season_number"));
        assertEquals(List.of("too_long"), AdminApi.errorCodes(problem, "/title"));
        assertEquals(List.of("not_plain_text"), AdminApi.errorCodes(problem, "/description"));
        assertEquals(List.of("invalid_date"), AdminApi.errorCodes(problem, "/broadcast_date"));
        assertEquals(List.of("out_of_range"), AdminApi.errorCodes(problem, "/sort_order"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(problem, "/colour"));

        JsonNode empty = AdminApi.json(editor.post("/masterpiece/miniseries/", "{}"), 422);
        assertEquals(List.of("/title", "/season_number"), AdminApi.errorPointers(empty));
        JsonNode wrongTypes = AdminApi.json(editor.post("/masterpiece/miniseries/", miniseries("season_number", "one",
                "title", "Masterpiece Admin\nTwo Lines", "description", "x".repeat(2001), "broadcast_date", 19710110,
                "sort_order", 1.5)), 422);
        assertEquals(List.of("not_integer"), AdminApi.errorCodes(wrongTypes, "/season_number"));
        assertEquals(List.of("invalid_character"), AdminApi.errorCodes(wrongTypes, "/title"));
        assertEquals(List.of("too_long"), AdminApi.errorCodes(wrongTypes, "/description"));
        assertEquals(List.of("not_string"), AdminApi.errorCodes(wrongTypes, "/broadcast_date"));
        assertEquals(List.of("not_integer"), AdminApi.errorCodes(wrongTypes, "/sort_order"));
        JsonNode noSeason = AdminApi.json(editor.post("/masterpiece/miniseries/", miniseries("season_number", 999,
                "title", "Masterpiece Admin Ghost", "description", "Tom &amp; Jerry", "broadcast_date", "10/01/1971")),
                422);
        assertEquals(List.of("unknown_season"), AdminApi.errorCodes(noSeason, "/season_number"));
        assertEquals(List.of("not_plain_text"), AdminApi.errorCodes(noSeason, "/description"));
        assertEquals(List.of("invalid_date"), AdminApi.errorCodes(noSeason, "/broadcast_date"));
        JsonNode nul = AdminApi.json(editor.post("/masterpiece/miniseries/", miniseries("season_number", 1,
                "title", "Masterpiece Admin\u0000Nul")), 422);
        assertEquals(List.of("invalid_character"), AdminApi.errorCodes(nul, "/title"), "PostgreSQL cannot store NUL");
        AdminApi.problem(editor.post("/masterpiece/miniseries/", "[1]"), 400, "malformed_json");
        assertEquals(before, backend.db().queryLong("SELECT count(*) FROM masterpiece_miniseries"));

        long seasons = backend.db().queryLong("SELECT count(*) FROM masterpiece_season");
        assertEquals(List.of("required"), AdminApi.errorCodes(AdminApi.json(editor.put("/masterpiece/seasons/903",
                AdminApi.body("years", " "), null), 422), "/years"));
        JsonNode years = AdminApi.json(editor.put("/masterpiece/seasons/903",
                AdminApi.body("years", "y".repeat(41), "number", 903), null), 422);
        assertEquals(List.of("too_long"), AdminApi.errorCodes(years, "/years"));
        assertEquals(List.of("unknown_field"), AdminApi.errorCodes(years, "/number"));
        AdminApi.problem(editor.put("/masterpiece/seasons/0", AdminApi.body("years", "1970"), null), 400,
                "invalid_parameter");
        AdminApi.problem(editor.put("/masterpiece/seasons/1001", AdminApi.body("years", "1970"), null), 400,
                "invalid_parameter");
        AdminApi.problem(editor.get("/masterpiece/seasons/x"), 400, "invalid_parameter");
        assertEquals(seasons, backend.db().queryLong("SELECT count(*) FROM masterpiece_season"));
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE object_id IN ('903', '0', '1001')"
                + " AND object_type = 'masterpiece_season'"));
    }

    @Test
    void theListingFiltersBySeasonAndSearchesTitles() {
        JsonNode first = AdminApi.json(editor.get("/masterpiece/miniseries/?season=1"), 200);
        assertEquals(10, first.get("items").size());
        assertEquals("firstchurchillsthe", first.at("/items/0/key").asText());
        assertEquals("elizabethr", first.at("/items/9/key").asText());
        JsonNode found = AdminApi.json(editor.get("/masterpiece/miniseries/?search=CHURCHILL"), 200);
        List<String> keys = new ArrayList<>();
        found.get("items").forEach(item -> keys.add(item.get("key").asText()));
        assertEquals(List.of("firstchurchillsthe", "winstonchurchillthewildernessyears"), keys);
        assertEquals(0, AdminApi.json(editor.get("/masterpiece/miniseries/?search=100%25"), 200).get("items").size());
        JsonNode page = AdminApi.json(editor.get("/masterpiece/miniseries/?season=1&limit=3&offset=2"), 200);
        assertEquals(3, page.get("items").size());
        assertEquals("possessedthe", page.at("/items/0/key").asText());
        assertEquals(3, page.get("limit").asInt());
        assertEquals(2, page.get("offset").asInt());
        AdminApi.problem(editor.get("/masterpiece/miniseries/?season=first"), 400, "invalid_parameter");
        AdminApi.problem(editor.get("/masterpiece/miniseries/?limit=501"), 400, "invalid_parameter");
        AdminApi.problem(editor.get("/masterpiece/miniseries/No-Such"), 404, "not_found");
    }

    @Test
    void changesNeedIfMatchAndShowInThePublicApiAtOnce() {
        season(904, "2034");
        season(905, "2035");
        JsonNode made = AdminApi.json(editor.post("/masterpiece/miniseries/", miniseries("season_number", 904,
                "title", "Masterpiece Admin Draft Title", "description", "Before.", "broadcast_date", "2034-01-01",
                "sort_order", 5)), 201);
        String key = made.get("key").asText();
        String path = "/masterpiece/miniseries/" + key;
        assertEquals("Before.", backend.getJson("/api/v2/masterpiece/" + key + "/").get("description").asText(),
                "in the public API (and its response cache)");

        String replacement = miniseries("season_number", 904, "title", "Masterpiece Admin Final Title",
                "broadcast_date", "2034-02-02");
        AdminApi.problem(editor.put(path, replacement, null), 428, "if_match_required");
        String loaded = made.get("etag").asText();
        HttpResponse<String> saved = editor.put(path, replacement, loaded);
        JsonNode updated = AdminApi.json(saved, 200);
        assertNotEquals(loaded, updated.get("etag").asText());
        assertEquals(updated.get("etag").asText(), saved.headers().firstValue("ETag").orElseThrow());
        assertEquals(key, updated.get("key").asText(), "the key stays");
        assertEquals("Masterpiece Admin Final Title", updated.get("title").asText());
        assertTrue(updated.get("description").isNull(), "a field left out is emptied");
        assertEquals(5, updated.get("sort_order").asInt(), "sort_order left out stays");
        JsonNode pub = backend.getJson("/api/v2/masterpiece/" + key + "/");
        assertEquals("Masterpiece Admin Final Title", pub.get("title").asText());
        assertTrue(pub.get("description").isNull());
        assertEquals("2034-02-02", pub.get("broadcast_date").asText());
        assertEquals(1, audits("masterpiece.miniseries.update", key));

        JsonNode stale = AdminApi.problem(editor.put(path, miniseries("season_number", 904, "title",
                "Masterpiece Admin Lost Update"), loaded), 412, "stale_miniseries");
        assertEquals("masterpieceadmin-editor", stale.get("updated_by").asText());
        assertEquals(updated.get("etag").asText(), stale.get("etag").asText());

        JsonNode rename = AdminApi.json(editor.put(path, miniseries("key", "masterpieceadminrenamed",
                "season_number", 904, "title", "Masterpiece Admin Final Title"), updated.get("etag").asText()), 422);
        assertEquals(List.of("rename_not_allowed"), AdminApi.errorCodes(rename, "/key"));
        assertEquals(404, editor.get("/masterpiece/miniseries/masterpieceadminrenamed").statusCode());

        // The whole object sent back (key unchanged, etag dropped) moves the miniseries to the end of another season.
        created(905, "Masterpiece Admin Already There");
        JsonNode moved = AdminApi.json(editor.put(path, miniseries("key", key, "season_number", 905,
                "title", "Masterpiece Admin Final Title", "broadcast_date", "2034-02-02"),
                updated.get("etag").asText()), 200);
        assertEquals(905, moved.get("season_number").asInt());
        assertEquals(2, moved.get("sort_order").asInt());
        assertEquals(key, publicSeason(905).at("/miniseries/1/key").asText());
        assertEquals(0, publicSeason(904).get("miniseries").size());

        // A change made outside the admin API changes the ETag too.
        backend.db().execute("UPDATE masterpiece_miniseries SET sort_order = 9 WHERE key = '" + key + "'");
        AdminApi.problem(editor.put(path, replacement, moved.get("etag").asText()), 412, "stale_miniseries");
        String current = AdminApi.json(editor.get(path), 200).get("etag").asText();
        assertNotEquals(moved.get("etag").asText(), current);
        assertEquals(200, editor.put(path, replacement, current).statusCode());
        AdminApi.problem(editor.put("/masterpiece/miniseries/masterpieceadminnosuch", replacement, "*"), 404,
                "not_found");
    }

    @Test
    void moderatorsDeleteWithIfMatchEditorsMayNotAndAnonymousCallersAreRefused() {
        season(906, "2036");
        JsonNode made = created(906, "Masterpiece Admin Doomed");
        String key = made.get("key").asText();
        String path = "/masterpiece/miniseries/" + key;
        String etag = made.get("etag").asText();
        AdminApi.problem(editor.delete(path, etag), 403, "forbidden");
        AdminApi.problem(moderator.delete(path, null), 428, "if_match_required");
        AdminApi.problem(moderator.delete(path, "\"m-000000000000000000000000\""), 412, "stale_miniseries");
        assertEquals(200, backend.get("/api/v2/masterpiece/" + key + "/").statusCode());
        HttpResponse<String> deleted = moderator.delete(path, etag);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, editor.get(path).statusCode());
        assertEquals(404, backend.get("/api/v2/masterpiece/" + key + "/").statusCode(), "gone from the public API");
        assertEquals(0, publicSeason(906).get("miniseries").size());
        assertEquals(1, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action ="
                + " 'masterpiece.miniseries.delete' AND object_id = '" + key + "' AND object_title ="
                + " 'Masterpiece Admin Doomed' AND username = 'masterpieceadmin-moderator'"));
        AdminApi.problem(moderator.delete(path, etag), 404, "not_found");

        AdminApi anonymous = AdminApi.anonymous(backend);
        String body = miniseries("season_number", 906, "title", "Masterpiece Admin Anonymous");
        AdminApi.problem(anonymous.get("/masterpiece/seasons/"), 401, "not_authenticated");
        AdminApi.problem(anonymous.get("/masterpiece/seasons/906"), 401, "not_authenticated");
        AdminApi.problem(anonymous.put("/masterpiece/seasons/906", AdminApi.body("years", "x"), null), 401,
                "not_authenticated");
        AdminApi.problem(anonymous.delete("/masterpiece/seasons/906", null), 401, "not_authenticated");
        AdminApi.problem(anonymous.get("/masterpiece/miniseries/"), 401, "not_authenticated");
        AdminApi.problem(anonymous.get("/masterpiece/miniseries/firstchurchillsthe"), 401, "not_authenticated");
        AdminApi.problem(anonymous.post("/masterpiece/miniseries/", body), 401, "not_authenticated");
        AdminApi.problem(anonymous.put("/masterpiece/miniseries/firstchurchillsthe", body, "*"), 401,
                "not_authenticated");
        AdminApi.problem(anonymous.delete("/masterpiece/miniseries/firstchurchillsthe", "*"), 401,
                "not_authenticated");
        assertEquals("2036", publicSeason(906).get("years").asText());
        assertEquals(200, backend.get("/api/v2/masterpiece/firstchurchillsthe/").statusCode());
    }

    @Test
    void aSeasonIsDeletedOnlyWithoutMiniseries() {
        season(907, "2037");
        JsonNode made = created(907, "Masterpiece Admin Tenant");
        AdminApi.problem(editor.delete("/masterpiece/seasons/907", null), 403, "forbidden");
        JsonNode inUse = AdminApi.problem(moderator.delete("/masterpiece/seasons/907", null), 409, "season_in_use");
        assertEquals(1, inUse.get("miniseries_count").asInt());
        assertTrue(publicSeason(907) != null, "still there");
        assertEquals(0, audits("masterpiece.season.delete", "907"));

        assertEquals(204, moderator.delete("/masterpiece/miniseries/" + made.get("key").asText(),
                made.get("etag").asText()).statusCode());
        HttpResponse<String> deleted = moderator.delete("/masterpiece/seasons/907", null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(null, publicSeason(907), "gone from the public API");
        AdminApi.problem(editor.get("/masterpiece/seasons/907"), 404, "not_found");
        AdminApi.problem(moderator.delete("/masterpiece/seasons/907", null), 404, "not_found");
        assertEquals(1, audits("masterpiece.season.delete", "907"));
        AdminApi.problem(moderator.delete("/masterpiece/seasons/1", null), 409, "season_in_use");
        assertEquals(21, backend.db().queryLong("SELECT count(*) FROM masterpiece_season WHERE number < 900"));
    }
}
