package org.openvault.backend.editing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled publishing and expiry with several backends on one database: each due page changes exactly once. */
class ScheduledPublishingTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    static AdminApi moderator;
    static long cover;

    @BeforeAll
    static void accounts() {
        moderator = AdminApi.signedIn(backend, "scheduling-moderator", Role.MODERATOR);
        backend.db().execute("INSERT INTO image (title, file, width, height) VALUES"
                + " ('Scheduled cover', 'original_images/scheduled-cover.jpg', 1920, 1080)");
        cover = backend.db().queryLong("SELECT id FROM image WHERE file = 'original_images/scheduled-cover.jpg'");
    }

    /** Its exhibits go live: other tests count the live exhibits of the shared database. */
    @AfterAll
    static void removeExhibits() {
        AdminFixture.removePagesOf(backend.db(), "scheduling-");
    }

    private static JsonNode exhibit(String slug) {
        ObjectNode content = PagesAdminTest.exhibit("Scheduled " + slug, slug);
        content.put("cover_image_id", cover).put("hero_image_id", cover);
        return AdminApi.json(moderator.post("/pages/", "{\"type\":\"exhibits.ExhibitPage\",\"parent_id\":3,"
                + "\"content\":" + content + "}"), 201);
    }

    private static JsonNode schedule(JsonNode page, String body) {
        return AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/schedule", body,
                page.get("etag").asText()), 200);
    }

    private static String inSeconds(int seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }

    private static long count(String sql) {
        return backend.db().queryLong(sql);
    }

    @Test
    void twoMoreBackendsPublishEveryDuePageExactlyOnce() throws InterruptedException {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            JsonNode page = exhibit("scheduled-once-" + i);
            JsonNode scheduled = schedule(page, "{\"go_live_at\":\"" + inSeconds(2) + "\"}");
            assertEquals("scheduled", scheduled.get("status").asText());
            ids.add(page.get("id").asInt());
        }
        String idList = ids.toString().replace("[", "(").replace("]", ")");
        Map<String, String> fast = Map.of("ov.scheduler.interval-seconds", "1");
        try (RunningBackend second = RunningBackend.start(backend.db(), fast);
             RunningBackend third = RunningBackend.start(backend.db(), fast)) {
            for (int i = 0; i < 100 && count("SELECT count(*) FROM page WHERE live AND id IN " + idList) < ids.size(); i++) {
                Thread.sleep(100);
            }
        }
        assertEquals(ids.size(), count("SELECT count(*) FROM page WHERE live AND id IN " + idList), "all went live");
        assertEquals(ids.size(), count("SELECT count(*) FROM audit_log WHERE action = 'page.publish'"
                + " AND username = 'scheduler' AND object_id::int IN " + idList), "one publish each");
        assertEquals(0, count("SELECT count(*) FROM page_revision WHERE approved_go_live_at IS NOT NULL"
                + " AND page_id IN " + idList));
        JsonNode live = backend.getJson("/api/v2/pages/?slug=scheduled-once-0&type=exhibits.ExhibitPage");
        assertEquals(1, live.at("/meta/total_count").asInt());
    }

    @Test
    void aLivePageExpiresOnceAndAPageThatCannotGoLiveHasItsScheduleClearedWithAnAuditEntry() throws Exception {
        JsonNode page = exhibit("scheduled-expiry");
        page = AdminApi.json(moderator.send("POST", "/pages/" + page.get("id").asInt() + "/publish", null,
                page.get("etag").asText()), 200);
        page = schedule(page, "{\"expire_at\":\"" + inSeconds(2) + "\"}");
        JsonNode broken = exhibit("scheduled-broken");
        schedule(broken, "{\"go_live_at\":\"" + inSeconds(2) + "\"}");
        backend.db().execute("UPDATE page_revision SET content = jsonb_set(content, '{cover_image_id}', 'null')"
                + " WHERE page_id = " + broken.get("id").asInt());
        int id = page.get("id").asInt();
        try (RunningBackend second = RunningBackend.start(backend.db(), Map.of("ov.scheduler.interval-seconds", "1"))) {
            for (int i = 0; i < 100 && (count("SELECT count(*) FROM page WHERE live AND id = " + id) > 0
                    || count("SELECT count(*) FROM page WHERE go_live_at IS NOT NULL AND id = "
                    + broken.get("id").asInt()) > 0); i++) {
                Thread.sleep(100);
            }
        }
        JsonNode expired = AdminApi.json(moderator.get("/pages/" + id), 200);
        assertFalse(expired.get("live").asBoolean());
        assertEquals("expired", expired.get("status").asText());
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'page.expire' AND object_id = '" + id + "'"));
        JsonNode notLive = AdminApi.json(moderator.get("/pages/" + broken.get("id").asInt()), 200);
        assertEquals("draft", notLive.get("status").asText());
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'page.publish_failed' AND object_id = '"
                + broken.get("id").asInt() + "'"));
        assertTrue(count("SELECT count(*) FROM page_revision WHERE approved_go_live_at IS NOT NULL AND page_id = "
                + broken.get("id").asInt()) == 0);
    }
}
