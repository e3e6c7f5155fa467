package org.openvault.backend.pages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.db.DatabaseSettings;
import org.openvault.db.Migrate;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original site asks for {@code limit=999999}; over 10,000 pages with every field the answer runs to tens of
 * megabytes. A backend in a JVM of its own with a small heap serves it whole, and then still answers: the listing is
 * written out as it is read instead of being built in memory.
 */
class HugeListingTest {

    private static final int PAGES = 10_000;
    /** Too small for the 3.4 MB pages listing when it was built in memory whole (OutOfMemoryError). */
    private static final String HEAP = "-Xmx48m";
    private static final Pattern LISTENING = Pattern.compile("Backend listening on http://localhost:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase scratch;
    private static Process backend;
    private static String baseUrl;
    private static Path media;
    private static final StringBuffer output = new StringBuffer();

    @BeforeAll
    static void startBackendOverTenThousandPages() throws Exception {
        scratch = TestDatabase.get().newScratch();
        Migrate.migrate(new DatabaseSettings(scratch.url(), scratch.user(), scratch.password()));
        String paragraph = "<p data-block-key=\\\"k\\\">" + "Oral histories, field recordings and broadcasts. ".repeat(40)
                + "</p>";
        // The search index is not what this test is about, and indexing 10,000 bodies takes most of its time.
        scratch.execute("ALTER TABLE page DISABLE TRIGGER search_page_inserted",
                "ALTER TABLE exhibit DISABLE TRIGGER search_exhibit_changed",
                "INSERT INTO page (type, slug, title, live, first_published_at, last_published_at, parent_id)"
                        + " SELECT 'exhibits.ExhibitPage', 'bulk-' || g, 'Bulk exhibit ' || g, true, now(), now(), 3"
                        + " FROM generate_series(1, " + PAGES + ") g",
                "INSERT INTO exhibit (page_id, body) SELECT id, '[{\"type\": \"text\", \"value\": \"" + paragraph
                        + "\", \"id\": \"b1\"}, {\"type\": \"text\", \"value\": \"" + paragraph
                        + "\", \"id\": \"b2\"}]'::jsonb FROM page WHERE slug LIKE 'bulk-%'");
        media = Files.createTempDirectory("ov-huge-media-");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "org.openvault.backend.Main").redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("SERVER_PORT", "0", "SERVER_HOST", "127.0.0.1",
                "OV_DB_URL", scratch.url(), "OV_DB_USER", scratch.user(), "OV_DB_PASSWORD", scratch.password(),
                "OV_SCHEDULER_ENABLED", "false", "OV_MEDIA_ROOT", media.toString(),
                "OV_PREVIEW_SECRET", "huge-listing-test"));
        backend = builder.start();
        baseUrl = "http://127.0.0.1:" + awaitPort(backend.getInputStream());
    }

    @AfterAll
    static void stop() throws Exception {
        if (backend != null) {
            backend.destroy();
            backend.waitFor(10, TimeUnit.SECONDS);
        }
        if (scratch != null) {
            TestDatabase.get().dropScratch(scratch);
        }
        if (media != null) {
            Files.deleteIfExists(media);
        }
    }

    @Test
    void everyPageWithEveryFieldIsServedOnASmallHeap() throws Exception {
        for (String target : List.of("/api/v2/pages/?limit=999999&fields=*", "/api/v2/exhibits/?limit=999999&fields=*")) {
            HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + target))
                    .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, answer.statusCode(), target + "\n" + output);
            long[] counts = countsIn(answer.body());
            assertTrue(counts[0] >= PAGES, target + ": total_count " + counts[0]);
            assertEquals(counts[0], counts[1], target + ": every page is in the answer\n" + output);
        }
        assertTrue(backend.isAlive(), output.toString());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/pages/?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** A listing's total_count and its number of items, read as a stream (the test's heap need not hold it). */
    private static long[] countsIn(InputStream body) throws IOException {
        long total = -1;
        long items = 0;
        try (JsonParser json = new JsonFactory().createParser(body)) {
            int depth = 0;
            boolean inItems = false;
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.FIELD_NAME && depth == 1 && json.currentName().equals("items")) {
                    inItems = true;
                } else if (token == JsonToken.FIELD_NAME && depth == 2 && json.currentName().equals("total_count")) {
                    json.nextToken();
                    total = json.getLongValue();
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (inItems && depth == 2 && token == JsonToken.START_OBJECT) {
                        items++;
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 1) {
                        inItems = false;
                    }
                }
            }
        }
        return new long[] {total, items};
    }

    private static int awaitPort(InputStream out) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("the backend ended:\n" + output));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}
