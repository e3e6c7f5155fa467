package org.openvault.backend.masterpiece;

import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.JsonAssert.isNull;
import static org.openvault.backend.JsonAssert.keys;

/** {@code /api/v2/masterpiece/}: the Masterpiece Theatre seasons and miniseries as CMS data. */
class MasterpieceApiTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    @Test
    void listsTwentyOneSeasonsWithTheirMiniseriesInBroadcastOrder() {
        JsonNode body = backend.getJson("/api/v2/masterpiece/");
        keys(body, "meta", "items");
        keys(body.get("meta"), "total_count", "miniseries_count");
        assertEquals(21, body.at("/meta/total_count").asInt());
        JsonNode seasons = body.get("items");
        assertEquals(21, seasons.size());
        int miniseries = 0;
        String previousDate = "";
        Set<String> seenKeys = new HashSet<>();
        for (int i = 0; i < seasons.size(); i++) {
            JsonNode season = seasons.get(i);
            keys(season, "id", "meta", "number", "title", "years", "miniseries");
            assertEquals(i + 1, season.get("number").asInt());
            assertEquals("Season " + (i + 1), season.get("title").asText());
            assertEquals((1971 + i) + "–" + (1972 + i), season.get("years").asText());
            assertEquals("masterpiece.Season", season.at("/meta/type").asText());
            assertTrue(season.get("miniseries").size() >= 3, "several miniseries in season " + (i + 1));
            for (JsonNode item : season.get("miniseries")) {
                miniseries++;
                assertEquals(i + 1, item.get("season").asInt());
                String date = item.get("broadcast_date").asText();
                assertTrue(date.matches("19(7\\d|8\\d|9[0-2])-\\d{2}-\\d{2}"), date);
                assertTrue(date.compareTo(previousDate) > 0, "chronological: " + item);
                previousDate = date;
                assertTrue(seenKeys.add(item.get("key").asText()), "unique key " + item);
            }
        }
        assertEquals(miniseries, body.at("/meta/miniseries_count").asInt());
        assertTrue(miniseries >= 100, "a realistic set: " + miniseries);

        JsonNode first = seasons.at("/0/miniseries/0");
        keys(first, "key", "meta", "title", "description", "broadcast_date", "season");
        assertEquals("firstchurchillsthe", first.get("key").asText());
        assertEquals("The First Churchills", first.get("title").asText());
        assertEquals("1971-01-10", first.get("broadcast_date").asText());
        keys(first.get("meta"), "type", "detail_url", "html_url");
        assertEquals("masterpiece.Miniseries", first.at("/meta/type").asText());
        assertEquals(RunningBackend.API_URL + "/api/v2/masterpiece/firstchurchillsthe/", first.at("/meta/detail_url").asText());
        assertEquals("http://localhost/miniseries/firstchurchillsthe", first.at("/meta/html_url").asText());
    }

    @Test
    void everyKeyIsItsTitleLowercasedWithoutPunctuationTheArticleLast() {
        List<String> wrong = new ArrayList<>();
        int withoutDescription = 0;
        for (JsonNode season : backend.getJson("/api/v2/masterpiece/").get("items")) {
            for (JsonNode item : season.get("miniseries")) {
                if (!item.get("key").asText().equals(key(item.get("title").asText()))) {
                    wrong.add(item.get("key").asText() + " <- " + item.get("title").asText());
                }
                if (item.get("description").isNull()) {
                    withoutDescription++;
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(withoutDescription > 0, "some miniseries have no description yet");
        assertEquals("iclaudius", key("I, Claudius"));
        assertEquals("peregoriot", key("Père Goriot"));
    }

    @Test
    void oneMiniseriesWithAndWithoutTrailingSlash() {
        JsonNode farm = backend.getJson("/api/v2/masterpiece/coldcomfortfarm/");
        keys(farm, "key", "meta", "title", "description", "broadcast_date", "season");
        assertEquals("Cold Comfort Farm", farm.get("title").asText());
        assertEquals(1, farm.get("season").asInt());
        assertEquals(farm, backend.getJson("/api/v2/masterpiece/coldcomfortfarm"));
        isNull(backend.getJson("/api/v2/masterpiece/peregoriot/").get("description"));
    }

    @Test
    void editorsChangeTheDataWithoutADeploy() {
        backend.db().execute("UPDATE masterpiece_miniseries SET description = 'Edited in the CMS.' WHERE key = 'poldark'");
        try {
            assertEquals("Edited in the CMS.", backend.getJson("/api/v2/masterpiece/poldark/").get("description").asText());
        } finally {
            backend.db().execute("UPDATE masterpiece_miniseries SET description = 'Ross Poldark comes home from war to rebuild his"
                    + " family''s fortunes in the mines of Cornwall.' WHERE key = 'poldark'");
        }
    }

    @Test
    void unknownKeysAndParametersAreClientErrors() {
        for (String path : List.of("/api/v2/masterpiece/nosuchminiseries/", "/api/v2/masterpiece/Cold-Comfort-Farm/",
                "/api/v2/masterpiece/%3Cscript%3E/")) {
            HttpResponse<String> missing = backend.get(path);
            assertEquals(404, missing.statusCode(), path);
            assertEquals("No Miniseries matches the given query.", RunningBackend.json(missing).get("message").asText());
        }
        HttpResponse<String> unknown = backend.get("/api/v2/masterpiece/?season=3");
        assertEquals(400, unknown.statusCode());
        assertTrue(RunningBackend.json(unknown).get("message").asText().contains("season"));
        assertEquals(200, backend.get("/api/v2/masterpiece/?format=json").statusCode());
        assertEquals(405, backend.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(backend.baseUrl() + "/api/v2/masterpiece/"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    /** The key rule of the original data: article last, accents and punctuation dropped, lower case. */
    private static String key(String title) {
        String t = title.replaceFirst("^(The|A|An) (.*)$", "$2 $1");
        return Normalizer.normalize(t, Normalizer.Form.NFD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
