package org.openvault.backend.editing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.openvault.backend.RunningBackend;
import org.openvault.backend.auth.SessionSecrets;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL restarted in the middle of a burst of draft saves: every save the API acknowledged (200 with a revision)
 * is in the database afterwards with the content that was sent; saves during the outage fail cleanly (503, never a
 * 500); saves work again once the database is back. Runs on a PostgreSQL of its own, which it stops and starts.
 */
class DatabaseRestartTest {

    private static final int EDITORS = 4;

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return builder(data).setPort(port).start();
    }

    // Data kept across the restart (zonky's "clean" mode would delete it on close; the test removes it at the end).
    // The binaries are read through zonky's own class loader: its default lookup scans the whole class path and,
    // after other test classes ran in the same JVM, found the same archive twice ("Duplicate embedded postgres
    // binaries").
    private static EmbeddedPostgres.Builder builder(Path data) {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPgBinaryResolver((system, hardware) -> EmbeddedPostgres.class.getResourceAsStream(
                        "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz"));
    }

    @Test
    void acknowledgedSavesSurviveARestartAndFailuresAre503() throws Exception {
        Path data = Files.createTempDirectory("ov-restart-pg-");
        EmbeddedPostgres postgres = builder(data).start();
        int port = postgres.getPort();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Map<String, String> settings = Map.of("ov.db.url", url, "ov.db.user", "postgres", "ov.db.password", "",
                "ov.db.connect-timeout-seconds", "1", "ov.scheduler.enabled", "false");
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        try (RunningBackend backend = RunningBackend.start(TestDatabase.get(), settings)) {
            String token = SessionSecrets.newSecret(SessionSecrets.TOKEN_PREFIX);
            int[] pages = new int[EDITORS];
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("INSERT INTO app_user (username, role) VALUES ('restart-editor', 'editor')");
                st.execute("INSERT INTO auth_session (user_id, kind, secret_hash, expires_at) SELECT id, 'token',"
                        + " sha256(convert_to('" + token + "', 'UTF8')), now() + interval '1 hour' FROM app_user");
                for (int i = 0; i < EDITORS; i++) {
                    try (ResultSet rs = st.executeQuery("INSERT INTO page (type, slug, title, live, parent_id)"
                            + " VALUES ('staticpages.StaticPage', 'restart-" + i + "', 'Restart " + i + "', false, 3)"
                            + " RETURNING id")) {
                        rs.next();
                        pages[i] = rs.getInt(1);
                    }
                    st.execute("INSERT INTO static_page (page_id) VALUES (" + pages[i] + ")");
                }
            }
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> editors = new ArrayList<>();
            for (int i = 0; i < EDITORS; i++) {
                int page = pages[i];
                editors.add(Thread.ofPlatform().start(() -> {
                    String etag = "\"r0\"";
                    for (int n = 0; running.get(); n++) {
                        String marker = "save " + page + "-" + n;
                        HttpResponse<String> response = backend.send(HttpRequest.newBuilder(
                                        URI.create(backend.baseUrl() + "/api/admin/v1/pages/" + page))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("If-Match", etag)
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":{\"title\":\"Restart " + page
                                        + "\",\"slug\":\"restart-" + page + "\",\"subtitle\":\"" + marker + "\"}}"))
                                .build());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 200) {
                            JsonNode saved = RunningBackend.json(response);
                            acknowledged.add(saved.at("/latest_revision/id").asLong() + "|" + marker);
                            etag = saved.get("etag").asText();
                        } else if (response.statusCode() == 412) {
                            etag = RunningBackend.json(response).get("etag").asText();
                        }
                    }
                }));
            }
            Thread.sleep(700);
            postgres.close();
            Thread.sleep(700);
            postgres = start(data, port);
            int before = acknowledged.size();
            for (int i = 0; i < 100 && acknowledged.size() < before + EDITORS * 3; i++) {
                Thread.sleep(100);
            }
            running.set(false);
            for (Thread editor : editors) {
                editor.join(30_000);
            }
            assertTrue(acknowledged.size() > before, "saves work again after the restart " + statuses);
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement st = c.prepareStatement("SELECT content->>'subtitle' FROM page_revision WHERE id = ?")) {
            List<String> lost = new ArrayList<>();
            for (String ack : acknowledged) {
                String[] parts = ack.split("\\|", 2);
                st.setLong(1, Long.parseLong(parts[0]));
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || !parts[1].equals(rs.getString(1))) {
                        lost.add(ack);
                    }
                }
            }
            assertEquals(List.of(), lost, "acknowledged saves missing after the restart");
        } finally {
            postgres.close();
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf("DatabaseRestartTest: answers during the burst %s, %d saves acknowledged and all found%n",
                statuses, acknowledged.size());
        assertEquals(null, statuses.get(500), "no 500 during the outage: " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 412 || s == 503),
                "only saves, stale revisions and 503s: " + statuses);
        assertTrue(acknowledged.size() > EDITORS * 3, "a burst of saves: " + statuses);
    }
}
