package org.openvault.backend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relevance of queries that are alternatives of words, read from search_term: the same ranks as the documents'
 * tsvectors give, kept current through every change of the search documents, and the same order through the API.
 */
class TermRankTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    /** Made-up and rare words (some sharing prefixes: "dun", "mul"), so only these pages match them. */
    private static final List<String> WORDS = List.of("dunnart", "dunnarts", "dunlin", "dunebird", "mulgara",
            "mulgaras", "mulberryx", "kowari", "kultarr", "ningaui", "planigale", "phascogale", "antechinus");
    private static final List<String> FILLER = List.of("the", "river", "station", "program", "archive", "of",
            "interview", "music", "radio", "and");

    private static final List<Integer> pages = new ArrayList<>();

    /**
     * Pages of random lengths, with the words in titles, slugs and bodies, some bodies repeated (equal ranks, ordered
     * by date) and two pages published at the same moment (equal ranks and dates, ordered by id).
     */
    @BeforeAll
    static void insertPages() throws SQLException {
        SearchApiTest.deleteFixtures();
        Random random = new Random(56);
        String repeated = null;
        for (int i = 0; i < 36; i++) {
            String title = words(random, 1 + random.nextInt(2), 0.4) + " " + i;
            String body = i % 7 == 3 && repeated != null ? repeated : words(random, 3 + random.nextInt(120), 0.15);
            repeated = body;
            String blocks = """
                    [{"type": "text", "value": "<p>%s</p>", "id": "1"}]""".formatted(body);
            String slug = "term-" + i + (i % 5 == 0 ? "-" + WORDS.get(random.nextInt(WORDS.size())) : "");
            int moment = i == 35 ? 23 : i;
            String published = "2015-%02d-%02dT00:00:00Z".formatted(1 + moment % 12, 1 + moment / 12);
            pages.add(i % 4 == 0
                    ? SearchApiTest.collection(slug, title, "<p>" + body + "</p>", "[]", false, published)
                    : SearchApiTest.exhibit(slug, title, blocks, i % 3 == 0, true, published));
        }
    }

    @AfterAll
    static void removePages() {
        SearchApiTest.deleteFixtures();
    }

    private static String words(Random random, int count, double share) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> from = random.nextDouble() < share ? WORDS : FILLER;
            words.add(from.get(random.nextInt(from.size())));
        }
        return String.join(" ", words);
    }

    /** Every lexeme of every document, alone, with another one, and as a prefix: the two ranks are the same real. */
    @Test
    void termScoresAddUpToTheCoverDensity() throws SQLException {
        String compare = """
                WITH lexemes AS (
                    SELECT d.page_id, l.lexeme FROM search_document d, unnest(tsvector_to_array(d.document)) AS l (lexeme)
                ), q AS (
                    SELECT page_id, quote_literal(lexeme)::tsquery AS query, ARRAY[lexeme] AS words,
                           NULL::text AS prefix
                    FROM lexemes
                    UNION ALL
                    SELECT a.page_id, (quote_literal(a.lexeme) || ' | ' || quote_literal(b.lexeme))::tsquery,
                           ARRAY[a.lexeme, b.lexeme], NULL
                    FROM lexemes a JOIN lexemes b ON b.page_id = a.page_id AND a.lexeme < b.lexeme
                    WHERE length(a.lexeme) % 3 = 0
                    UNION ALL
                    SELECT DISTINCT page_id, (quote_literal(left(lexeme, 3)) || ':*')::tsquery, '{}'::text[],
                           left(lexeme, 3)
                    FROM lexemes WHERE length(lexeme) > 3
                )
                SELECT count(*), count(*) FILTER (WHERE ranked <> summed),
                       string_agg(page_id || ' ' || query || ' ' || ranked || ' ' || summed, '; ')
                           FILTER (WHERE ranked <> summed)
                FROM (SELECT q.page_id, q.query, search_rank(d.document, q.query) AS ranked,
                             search_term_rank((SELECT sum(t.score) FROM search_term t
                                               WHERE t.page_id = q.page_id AND (t.lexeme = ANY (q.words)
                                                   OR starts_with(t.lexeme, q.prefix)))) AS summed
                      FROM q JOIN search_document d ON d.page_id = q.page_id) c
                """;
        try (Connection c = backend.db().connect(); PreparedStatement st = c.prepareStatement(compare);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            assertTrue(rs.getLong(1) > 1_000, "compared " + rs.getLong(1));
            assertEquals(0, rs.getLong(2), rs.getString(3));
        }
    }

    /** After inserts, edits, unpublishing, deletes and a rebuild, search_term holds exactly the documents' shares. */
    @Test
    void termsFollowEveryChangeOfTheDocuments() throws SQLException {
        assertTermsMatchDocuments();
        int page = SearchApiTest.exhibit("term-change", "Kowari Change", """
                [{"type": "text", "value": "<p>kowari kowari ningaui</p>", "id": "1"}]""", false, true,
                "2016-01-01T00:00:00Z");
        assertTermsMatchDocuments();
        backend.db().execute("UPDATE exhibit SET body = '[{\"type\": \"text\", \"value\": \"<p>dunlin only</p>\", \"id\": \"1\"}]'"
                + " WHERE page_id = " + page);
        assertTermsMatchDocuments();
        backend.db().execute("UPDATE page SET title = 'Mulgara Changed' WHERE id = " + page);
        assertTermsMatchDocuments();
        backend.db().execute("UPDATE page SET live = false WHERE id = " + page);
        assertTermsMatchDocuments();
        backend.db().execute("UPDATE page SET live = true WHERE id = " + page);
        // an update of the documents themselves, as a migration would make
        backend.db().execute("UPDATE search_document SET document = document || 'extraword:1C'::tsvector WHERE page_id = "
                + page);
        assertTermsMatchDocuments();
        backend.db().execute("DELETE FROM page WHERE id = " + page);
        assertTermsMatchDocuments();
        try (Connection c = backend.db().connect()) {
            RebuildSearchIndex.rebuild(c);
        }
        assertTermsMatchDocuments();
    }

    /**
     * A statement that removes more than a thousand documents (a rebuild) takes another way through the trigger;
     * a truncate empties search_term. Both inside a transaction that is rolled back.
     */
    @Test
    void termsFollowBulkDeletesAndTruncates() throws SQLException {
        try (Connection c = backend.db().connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TEMP TABLE bulk ON COMMIT DROP AS WITH added AS (
                            INSERT INTO page (type, slug, title, draft_title, live)
                            SELECT 'exhibits.ExhibitPage', 'bulk-term-' || g, 'Bulk ' || g, 'Bulk', false
                            FROM generate_series(1, 1001) g RETURNING id)
                        SELECT id FROM added""");
                st.execute("""
                        INSERT INTO search_document (page_id, type, slug, title, body_text, featured, hero_image_id,
                                                     last_published_at, document, title_vector, snippet_tokens)
                        SELECT b.id, d.type, 'bulk-term-' || b.id, d.title, d.body_text, d.featured, d.hero_image_id,
                               d.last_published_at, d.document, d.title_vector, d.snippet_tokens
                        FROM bulk b, (SELECT * FROM search_document ORDER BY page_id LIMIT 1) d""");
                long withBulk = assertTermsMatchDocuments(c);
                assertEquals(1001, st.executeUpdate("DELETE FROM search_document WHERE page_id IN (SELECT id FROM bulk)"));
                assertTrue(assertTermsMatchDocuments(c) < withBulk);
                // (the content version's deferred triggers fire first: a table with pending ones cannot be truncated)
                st.execute("SET CONSTRAINTS ALL IMMEDIATE");
                st.execute("TRUNCATE search_document");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM search_term")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1));
                }
            } finally {
                c.rollback();
            }
        }
        assertTermsMatchDocuments();
    }

    private static void assertTermsMatchDocuments() throws SQLException {
        try (Connection c = backend.db().connect()) {
            assertTermsMatchDocuments(c);
        }
    }

    /** Asserts that search_term holds exactly the shares of the documents; answers how many rows it holds. */
    private static long assertTermsMatchDocuments(Connection c) throws SQLException {
        String difference = """
                WITH expected AS (SELECT s.lexeme, d.page_id, s.score FROM search_document d, search_term_scores(d.document) s)
                SELECT (SELECT count(*) FROM search_term),
                       (SELECT count(*) FROM (SELECT lexeme, page_id, score FROM search_term EXCEPT SELECT * FROM expected) a),
                       (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT lexeme, page_id, score FROM search_term) b)
                """;
        try (PreparedStatement st = c.prepareStatement(difference); ResultSet rs = st.executeQuery()) {
            rs.next();
            assertTrue(rs.getLong(1) > 100, "terms " + rs.getLong(1));
            assertEquals(0, rs.getLong(2), "rows of search_term that no document has");
            assertEquals(0, rs.getLong(3), "shares of documents missing from search_term");
            return rs.getLong(1);
        }
    }

    /**
     * Through the API, in pages of five across the title tier and past it, alternatives of words come in the order
     * the documents' tsvectors rank them: a word, words (bare words are prefixes), a prefix another covers, fuzzy
     * words (their spellings are whole words), a whole word a prefix covers; and so do the queries ranked by their
     * tsvectors (required words, a phrase).
     */
    @Test
    void alternativesComeInTheOrderOfTheDocumentsRanks() throws SQLException {
        for (String q : List.of("dunnart", "kowari ningaui", "dun*", "mul* dunlin", "dun* dunnart dunebird",
                "dun* dunn* mulgara", "phascogale planigale antechinus kultarr", "mulgara~1 kowari~1", "dunnart~1 dun*",
                "+dun* +river", "\"river station\"")) {
            for (String filter : List.of("", "&type=exhibit", "&featured=true&type=exhibit")) {
                List<Integer> expected = rankedBySearchRank(q, filter);
                assertTrue(expected.size() > (filter.isEmpty() ? 5 : 0), q + filter + " matches " + expected.size());
                List<Integer> paged = new ArrayList<>();
                for (int page = 1; paged.size() < expected.size() && page < 20; page++) {
                    paged.addAll(ids("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + filter + "&per_page=5&page="
                            + page));
                }
                assertEquals(expected, paged, q + filter);
            }
        }
    }

    private static List<Integer> rankedBySearchRank(String q, String filter) throws SQLException {
        TsQueryText ts = TsQueryText.of(SearchQueryParser.parse(q).orElseThrow(), Map.of());
        String sql = "SELECT d.page_id FROM search_document d WHERE d.document @@ " + CompiledQuery.TSQUERY
                + (filter.contains("type=exhibit") ? " AND d.type = 'exhibits.ExhibitPage'" : "")
                + (filter.contains("featured=true") ? " AND d.featured" : "")
                + " ORDER BY " + PageSearchRepository.RANK + " DESC, d.last_published_at DESC NULLS LAST, d.page_id DESC";
        try (Connection c = backend.db().connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, ts.match());
            st.setString(2, ts.ranking());
            st.setString(3, ts.ranking());
            st.setString(4, ts.exact());
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }

    private static List<Integer> ids(String query) {
        var response = backend.get("/api/v2/search/?" + query);
        assertEquals(200, response.statusCode(), query + " -> " + response.body());
        JsonNode body = RunningBackend.json(response);
        List<Integer> ids = new ArrayList<>();
        body.get("items").forEach(i -> ids.add(i.get("id").asInt()));
        return ids;
    }
}
