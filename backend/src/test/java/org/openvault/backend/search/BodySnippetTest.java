package org.openvault.backend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snippets made from the stored tokens ({@link BodySnippet}) are those ts_headline makes: every answer of many
 * searches over a generated corpus is the same, byte for byte, when the tokens are taken away (and ts_headline makes
 * every snippet, as it does for text it cannot vouch for).
 */
class BodySnippetTest {

    /** Searches kept would answer the second round from the first: every answer is made afresh here. */
    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture(
            Map.of("ov.api.cache.search-max-bytes", "0"));

    /** Words the generated bodies are made of: plain, short, stop words, and what the parser cuts apart. */
    private static final List<String> PIECES = List.of("dasyure", "dasyure", "dasyure", "dasyures", "dasyurid",
            "numbat", "numbat", "telephone", "television", "televised", "tele", "archive", "boston", "radio", "music",
            "a", "an", "of", "the", "I", "is", "it", "to", "go", "ox", "well-known", "e-mail", "x-ray", "re-run",
            "cpb-aacip-15-0a1b2c3d", "1968", "3.14", "-5", "1,000", "1.2.3", "2e10", "café", "über-cool", "naïve",
            "½", "Ärger", "日本", "emoji\uD83D\uDE00s", "http://www.wgbh.org/archive?id=7", "wgbh.org", "me@wgbh.org",
            "/usr/lib/x.so", "&zzz;", "don't", "isn't", "rock'n'roll", "(numbat)", "\"dasyure\"", "—", ",", ".", ";",
            "!", "?", ":", "...", "foo_bar", "a+b", "100%", "#tag", "@me", "DASYURE", "Numbat.", "Tele-vision");
    private static final List<String> QUERIES = List.of("dasyure", "numbat", "dasyure numbat", "+dasyure +numbat",
            "dasyu*", "dasyure dasyure", "tele television", "televis*", "1968", "café", "über", "naïve", "well-known",
            "\"dasyure numbat\"", "numbt~", "dasyur~1", "e-mail", "x", "wgbh", "3.14", "archive -radio", "ärger",
            "rock", "boston | radio | music", "emoji", "日本");

    @BeforeAll
    static void insertCorpus() throws SQLException {
        Random random = new Random(11);
        for (int i = 0; i < 160; i++) {
            int words = switch (i % 8) {
                case 0 -> random.nextInt(16);
                case 1 -> 1000 + random.nextInt(1000);
                default -> 20 + random.nextInt(400);
            };
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < words; w++) {
                body.append(w == 0 ? "" : random.nextInt(9) == 0 ? "  " : " ")
                        .append(PIECES.get(random.nextInt(PIECES.size())));
            }
            if (i == 9) {
                body.append(" dasyure".repeat(300)); // more positions of one word than a tsvector keeps
            }
            String title = (i % 5 == 0 ? "Dasyure " : "") + (i % 7 == 0 ? "Numbat " : "") + "Page " + i;
            String html = htmlEscape(body.toString());
            if (i == 10) {
                html += " 1 &lt; 2 dasyure"; // text the tsvector and the headline see differently
            }
            String json = "[{\"type\": \"text\", \"value\": \"<p>" + jsonEscape(html) + "</p>\", \"id\": \"1\"}]";
            if (i % 3 == 0) {
                SearchApiTest.collection("snippet-" + i, title, "<p>" + html + "</p>", "[]",
                        i % 4 == 0, "2020-01-%02dT00:00:00Z".formatted(1 + i % 28));
            } else {
                SearchApiTest.exhibit("snippet-" + i, title, json, i % 4 == 0, true,
                        "2021-02-%02dT00:00:00Z".formatted(1 + i % 28));
            }
        }
    }

    @AfterAll
    static void removeCorpus() {
        SearchApiTest.deleteFixtures();
    }

    @Test
    void everyAnswerIsTheSameWithTsHeadline() {
        List<String> paths = new ArrayList<>();
        for (String q : QUERIES) {
            for (String rest : List.of("&per_page=50", "&per_page=50&page=2", "&per_page=50&sort=az",
                    "&type=collection&per_page=20")) {
                paths.add("/api/v2/search/?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + rest);
            }
        }
        List<String> fromTokens = answers(paths);
        int snippets = 0;
        for (String answer : fromTokens) {
            for (JsonNode item : json(answer).get("items")) {
                snippets += item.get("snippet").asText().contains("<mark>") ? 1 : 0;
            }
        }
        assertTrue(snippets > 500, "the searches highlight many snippets: " + snippets);
        assertEquals("snippet-10", only("SELECT string_agg(slug, ',') FROM search_document"
                + " WHERE slug LIKE 'snippet-%' AND snippet_tokens IS NULL"), "only the body with '<' has no tokens");
        backend.db().execute("UPDATE search_document SET snippet_tokens = NULL");
        try {
            List<String> fromTsHeadline = answers(paths);
            for (int i = 0; i < paths.size(); i++) {
                assertEquals(fromTsHeadline.get(i), fromTokens.get(i), paths.get(i));
            }
        } finally {
            backend.db().execute("UPDATE search_document SET snippet_tokens = search_snippet_tokens(body_text)");
        }
    }

    /**
     * The answers above are ts_headline's also where the backend, unable to vouch for a snippet, asks PostgreSQL:
     * every body with stored tokens has its snippet made here, but for the one with more positions of a word than a
     * tsvector keeps.
     */
    @Test
    void everyBodyWithTokensHasItsSnippetMadeHere() throws SQLException {
        AlternativeWords query = AlternativeWords.of(only(
                "SELECT to_tsquery('english', 'dasyure | numbat | televis:* | café | 日本')::text")).orElseThrow();
        List<String> askedPostgreSql = new ArrayList<>();
        int made = 0;
        try (Connection c = backend.db().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT slug, body_text, snippet_tokens, tsvectorsend(document)"
                     + " FROM search_document WHERE slug LIKE 'snippet-%' AND snippet_tokens IS NOT NULL")) {
            while (rs.next()) {
                if (BodySnippet.of(rs.getString(2), rs.getBytes(3), rs.getBytes(4), query).isPresent()) {
                    made++;
                } else {
                    askedPostgreSql.add(rs.getString(1));
                }
            }
        }
        assertEquals(List.of("snippet-9"), askedPostgreSql);
        assertEquals(158, made);
    }

    private static List<String> answers(List<String> paths) {
        List<String> answers = new ArrayList<>();
        for (String path : paths) {
            var response = backend.get(path);
            assertEquals(200, response.statusCode(), path + " -> " + response.body());
            answers.add(response.body());
        }
        return answers;
    }

    private static String only(String query) {
        try (Connection c = backend.db().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("&amp;zzz;", "&zzz;");
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
