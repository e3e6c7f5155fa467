package org.openvault.backend.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.RunningBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2/search/ over real PostgreSQL; every fixture page carries the made-up word "quokka" to stay apart. */
class SearchApiTest {

    private static final java.util.Set<Integer> FIXTURES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static int technology;
    private static int busing;
    private static int radioCollection;
    private static int zebra;
    private static int scripted;

    @BeforeAll
    static void insertSearchFixtures() throws SQLException {
        technology = exhibit("quokka-technology", "Quokka Technology Today", """
                [{"type": "text", "value": "<p data-block-key=\\"a1\\">A story about <b>radio</b> engineers in Boston.</p>", "id": "1"},
                 {"type": "interviews", "value": {"guids": ["cpb-aacip-15-qk1"], "title": "<i>Interviews</i> with Julia Child",
                  "access_level": "online"}, "id": "2"},
                 {"type": "html", "value": "<div>hiddenhtmlword</div>", "id": "3"}]""", true, true, "2020-01-01T00:00:00Z");
        busing = exhibit("quokka-busing", "Boston Busing Crisis", """
                [{"type": "text", "value": "<p>quokka busing in Boston schools, zebra zebra zebra, music and folk.</p>", "id": "1"}]""",
                false, true, "2021-01-01T00:00:00Z");
        radioCollection = collection("quokka-radio", "Quokka Radio Collection",
                "<p>Music programs &amp; folk songs</p>", """
                [{"type": "text", "value": "<p>Television archive</p>", "id": "1"}]""", true, "2019-01-01T00:00:00Z");
        zebra = collection("zebra-music", "The Zebra Music Hour", "<p>quokka melodies</p>", "[]", false, "2022-01-01T00:00:00Z");
        scripted = exhibit("quokka-script", "Quokka <script>alert(1)</script> Show", """
                [{"type": "text", "value": "<p>&lt;img src=x onerror=alert(1)&gt; quokka</p>", "id": "1"}]""",
                false, true, "2018-01-01T00:00:00Z");
        exhibit("quokka-draft", "Quokka Draft Secretword", "[]", false, false, "2023-01-01T00:00:00Z");
    }

    @AfterAll
    static void removeSearchFixtures() {
        deleteFixtures();
    }

    /** The test database is shared by every test class of the JVM: leave no page behind for the listing tests. */
    static void deleteFixtures() {
        for (int id : FIXTURES) {
            backend.db().execute("DELETE FROM page WHERE id = " + id);
        }
        FIXTURES.clear();
    }

    @Test
    void barePrefixesFindLongerWords() {
        assertEquals(List.of(technology), ids(search("q=tech")));
        assertEquals(List.of(technology), ids(search("q=technolo")));
    }

    @Test
    void wordsAreOredAndRequiredWithPlus() {
        assertEquals(5, search("q=quokka").at("/meta/total_count").asInt());
        assertEquals(List.of(busing), ids(search("q=" + enc("+quokka +busing"))));
        assertEquals(sorted(technology, busing), sorted(ids(search("q=" + enc("busing | technology")))));
    }

    @Test
    void minusExcludes() {
        List<Integer> found = ids(search("q=" + enc("quokka -busing") + "&per_page=50"));
        assertEquals(4, found.size());
        assertFalse(found.contains(busing));
        assertEquals(4, search("q=" + enc("quokka +-busing")).at("/meta/total_count").asInt());
    }

    @Test
    void phrasesNeedTheWordsInOrder() {
        assertEquals(List.of(technology), ids(search("q=" + enc("\"julia child\""))));
        assertEquals(List.of(), ids(search("q=" + enc("\"child julia\""))));
        assertEquals(List.of(technology), ids(search("q=" + enc("\"child julia\"~2"))));
    }

    @Test
    void fuzzyWordsFindCloseSpellings() {
        assertEquals(List.of(), ids(search("q=bostn")));
        assertEquals(sorted(technology, busing), sorted(ids(search("q=" + enc("bostn~1")))));
        assertEquals(List.of(), ids(search("q=" + enc("bostn~0"))));
    }

    @Test
    void parenthesesGroup() {
        assertEquals(sorted(technology, zebra),
                sorted(ids(search("q=" + enc("(melodies | technology) +quokka")))));
    }

    @Test
    void titleMatchOutranksBodyMatch() {
        // "zebra" is in the title of one page and three times in the body of another
        assertEquals(List.of(zebra, busing), ids(search("q=zebra")));
    }

    @Test
    void streamFieldTextIsIndexedButRawHtmlBlocksAreNot() {
        assertEquals(List.of(technology), ids(search("q=engineers")));
        assertEquals(List.of(technology), ids(search("q=cpb-aacip-15-qk1")));
        assertEquals(List.of(radioCollection), ids(search("q=television")));
        assertEquals(List.of(), ids(search("q=hiddenhtmlword")));
    }

    @Test
    void facetsCountTypesBeforeTheTypeFilter() {
        JsonNode all = search("q=quokka");
        assertEquals(3, all.at("/meta/facets/type/exhibits.ExhibitPage").asInt());
        assertEquals(2, all.at("/meta/facets/type/ov_collections.Collection").asInt());
        assertEquals(2, all.at("/meta/facets/featured").asInt());
        JsonNode exhibits = search("q=quokka&type=exhibit");
        assertEquals(3, exhibits.at("/meta/total_count").asInt());
        assertEquals(2, exhibits.at("/meta/facets/type/ov_collections.Collection").asInt());
        assertEquals(1, exhibits.at("/meta/facets/featured").asInt());
        JsonNode featured = search("q=quokka&featured=true");
        assertEquals(sorted(technology, radioCollection), sorted(ids(featured)));
        assertEquals(1, featured.at("/meta/facets/type/exhibits.ExhibitPage").asInt());
        assertEquals(5, search("q=quokka&type=exhibit&type=collection").at("/meta/total_count").asInt());
        assertEquals(2, search("q=quokka&" + enc("types[0]") + "=ov_collections.OpenVaultCollection")
                .at("/meta/total_count").asInt());
        // filtered down to nothing, or past the last page: the counts are still there
        JsonNode none = search("q=engineers&type=collection");
        assertEquals(0, none.at("/meta/total_count").asInt());
        assertEquals(1, none.at("/meta/facets/type/exhibits.ExhibitPage").asInt());
        JsonNode past = search("q=quokka&page=3&per_page=5");
        assertEquals(0, past.get("items").size());
        assertEquals(5, past.at("/meta/total_count").asInt());
        assertEquals(3, past.at("/meta/facets/type/exhibits.ExhibitPage").asInt());
        assertEquals(2, past.at("/meta/facets/featured").asInt());
    }

    @Test
    void sortsByDateAndTitle() {
        assertEquals(List.of(zebra, busing, technology, radioCollection, scripted),
                ids(search("q=quokka&sort=newest")));
        assertEquals(List.of(scripted, radioCollection, technology, busing, zebra), ids(search("q=quokka&sort=oldest")));
        assertEquals(List.of(busing, scripted, radioCollection, technology, zebra), ids(search("q=quokka&sort=az")));
        assertEquals(List.of(zebra, technology, radioCollection, scripted, busing),
                ids(search("q=quokka&sort=wagtail__wagtailcore_page_title_desc")));
    }

    @Test
    void pages() throws SQLException {
        // 12 more pages with the word "dingo": 3 pages of 5
        List<Integer> dingos = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            dingos.add(exhibit("dingo-" + i, "Dingo " + (char) ('a' + i), "[]", false, true,
                    "2010-01-%02dT00:00:00Z".formatted(i + 1)));
        }
        List<Integer> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = search("q=dingo&sort=oldest&per_page=5&page=" + page);
            assertEquals(12, body.at("/meta/total_count").asInt());
            assertEquals(3, body.at("/meta/page_count").asInt());
            assertEquals(page, body.at("/meta/page").asInt());
            assertEquals(page < 3 ? 5 : 2, body.get("items").size());
            seen.addAll(ids(body));
        }
        assertEquals(dingos, seen);
        assertEquals(dingos.subList(0, 10), ids(search("q=dingo&sort=oldest")));
        assertEquals(dingos.reversed().subList(0, 10), ids(search("q=dingo&sort=newest&per_page=20")).subList(0, 10));
        for (int id : dingos) {
            backend.db().execute("DELETE FROM page WHERE id = " + id);
        }
    }

    /**
     * Pages of the relevance order are cut from one order, whether they lie among the title matches, past them or
     * across the boundary (the repository ranks those sets apart), with and without a type filter.
     */
    @Test
    void relevancePagesAreSlicesOfOneOrder() throws SQLException {
        List<Integer> created = new ArrayList<>();
        String body = """
                [{"type": "text", "value": "<p>%s marsupial</p>", "id": "1"}]""";
        for (int i = 0; i < 6; i++) {
            String words = "bilby ".repeat(i + 1) + "filler ".repeat(5 - i);
            if (i < 4) {
                created.add(exhibit("bilby-title-" + i, "Bilby Title " + (char) ('a' + i), body.formatted(words), false,
                        true, "2011-01-%02dT00:00:00Z".formatted(i + 1)));
            } else {
                created.add(collection("bilby-title-" + i, "Bilby Collection " + i, "<p>" + words + "</p>", "[]",
                        false, "2011-02-%02dT00:00:00Z".formatted(i + 1)));
            }
            created.add(exhibit("bilby-body-" + i, "Marsupial Body " + (char) ('a' + i), body.formatted(words),
                    false, true, "2012-01-%02dT00:00:00Z".formatted(i + 1)));
        }
        try {
            for (String filter : List.of("", "&type=exhibit")) {
                List<Integer> whole = ids(search("q=bilby&per_page=20" + filter));
                assertEquals(filter.isEmpty() ? 12 : 10, whole.size());
                List<Integer> paged = new ArrayList<>();
                for (int page = 1; page <= 3; page++) {
                    paged.addAll(ids(search("q=bilby&per_page=5&page=" + page + filter)));
                }
                assertEquals(whole, paged, filter);
                // the title matches come first
                int titles = filter.isEmpty() ? 6 : 4;
                assertTrue(whole.subList(0, titles).stream().allMatch(id -> created.indexOf(id) % 2 == 0), whole.toString());
                // a body-only page with more matches ranks above one with fewer
                assertEquals(created.get(11), whole.get(titles));
            }
        } finally {
            for (int id : created) {
                backend.db().execute("DELETE FROM page WHERE id = " + id);
                FIXTURES.remove(id);
            }
        }
    }

    @Test
    void highlightsWithMarksAndEscapesEverythingElse() {
        JsonNode hit = search("q=script").at("/items/0");
        assertEquals(scripted, hit.get("id").asInt());
        // ("/script" is one token for the text-search parser, so only the first is marked)
        assertEquals("Quokka &lt;<mark>script</mark>&gt;alert(1)&lt;/script&gt; Show", hit.get("title_highlighted").asText());
        assertEquals("Quokka <script>alert(1)</script> Show", hit.get("title").asText());
        JsonNode img = search("q=onerror").at("/items/0");
        String snippet = img.get("snippet").asText();
        assertTrue(snippet.contains("&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"), snippet);
        assertFalse(snippet.contains("<img"), snippet);
        JsonNode radio = search("q=engineers").at("/items/0");
        assertTrue(radio.get("snippet").asText().contains("<mark>engineers</mark>"), radio.toString());
        assertEquals("/exhibits/quokka-technology", radio.get("url").asText());
        assertTrue(radio.get("hero_thumb").isNull());
    }

    @Test
    void draftsAreNeverFound() {
        assertEquals(List.of(), ids(search("q=secretword")));
        assertEquals(sorted(technology, busing, radioCollection, zebra, scripted),
                sorted(ids(search("q=" + enc("Quokka Draft") + "&per_page=50"))));
    }

    @Test
    void publishingUnpublishingEditingAndDeletingShowAtOnce() throws SQLException {
        int page = exhibit("quokka-lifecycle", "Lifecycle Wombat", "[]", false, true, "2024-01-01T00:00:00Z");
        assertEquals(List.of(page), ids(search("q=wombat")));
        backend.db().execute("UPDATE page SET live = false WHERE id = " + page);
        assertEquals(List.of(), ids(search("q=wombat")));
        backend.db().execute("UPDATE page SET live = true WHERE id = " + page);
        backend.db().execute("UPDATE exhibit SET body = '[{\"type\": \"heading\", \"value\": \"<i>Numbat</i>\", \"id\": \"h\"}]'"
                + " WHERE page_id = " + page);
        assertEquals(List.of(page), ids(search("q=numbat")));
        backend.db().execute("UPDATE page SET title = 'Lifecycle Platypus' WHERE id = " + page);
        assertEquals(List.of(), ids(search("q=wombat")));
        assertEquals(List.of(page), ids(search("q=platypus")));
        backend.db().execute("DELETE FROM page WHERE id = " + page);
        assertEquals(List.of(), ids(search("q=platypus")));
    }

    @Test
    void rebuildRecomputesTheSameDocuments() throws SQLException {
        try (Connection c = backend.db().connect()) {
            int before = count(c);
            assertEquals(before, RebuildSearchIndex.rebuild(c));
        }
        assertEquals(5, search("q=quokka").at("/meta/total_count").asInt());
    }

    @Test
    void emptyQueryBrowsesEverythingSorted() {
        JsonNode all = search("sort=az&per_page=50");
        assertTrue(all.at("/meta/total_count").asInt() >= 5);
        List<String> titles = new ArrayList<>();
        all.get("items").forEach(i -> titles.add(i.get("title").asText().toLowerCase()));
        assertEquals(titles.stream().sorted().toList(), titles);
        assertTrue(all.get("items").get(0).get("snippet").isTextual());
    }

    /** Browsing counts every document alike whatever its page and order; the counts follow each content change. */
    @Test
    void browsingCountsFollowEachContentChange() throws SQLException {
        JsonNode before = search("sort=newest").get("meta");
        assertEquals(before.get("facets"), search("sort=az&page=2&per_page=5").at("/meta/facets"));
        int added = exhibit("browse-count", "Browse Count", "[]", true, true, "2024-01-01T00:00:00Z");
        JsonNode after = search("sort=az&page=2&per_page=5").get("meta");
        assertEquals(before.get("total_count").asInt() + 1, after.get("total_count").asInt());
        assertEquals(before.at("/facets/featured").asInt() + 1, after.at("/facets/featured").asInt());
        assertEquals(before.at("/facets/type/exhibits.ExhibitPage").asInt() + 1,
                after.at("/facets/type/exhibits.ExhibitPage").asInt());
        assertEquals(before.at("/facets/type/ov_collections.Collection"),
                after.at("/facets/type/ov_collections.Collection"));
        backend.db().execute("DELETE FROM page WHERE id = " + added);
        FIXTURES.remove(added);
        assertEquals(before, search("sort=newest").get("meta"));
    }

    @Test
    void stopWordsAloneFallBackToATitleSubstring() {
        // "the" is an English stop word: no lexeme, so titles containing it are matched instead
        assertEquals(List.of(zebra), ids(search("q=The&per_page=50")));
        assertEquals(List.of(zebra), ids(search("q=" + enc("\"the\"") + "&per_page=50")));
    }

    @Test
    void badParametersAre400WithJson() {
        for (String query : List.of("per_page=7", "per_page=x", "page=0", "page=-1", "sort=bogus", "type=image",
                "featured=yes", "nonsense=1", "q=a&q=b")) {
            var response = backend.get("/api/v2/search/?" + query);
            assertEquals(400, response.statusCode(), query);
            assertTrue(RunningBackend.json(response).get("message").isTextual(), query);
        }
    }

    @Test
    void hundredsOfRandomQueriesNeverFail() {
        Random random = new Random(7);
        String alphabet = "abqokzeirn \"()|+-*~&!:'<>\\0123456789éß%_";
        for (int i = 0; i < 300; i++) {
            StringBuilder q = new StringBuilder();
            for (int n = random.nextInt(25); n > 0; n--) {
                q.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var response = backend.get("/api/v2/search/?q=" + enc(q.toString()) + "&sort=relevance");
            assertEquals(200, response.statusCode(), q + " -> " + response.body());
        }
    }

    private static JsonNode search(String query) {
        var response = backend.get("/api/v2/search/?" + query);
        assertEquals(200, response.statusCode(), query + " -> " + response.body());
        return RunningBackend.json(response);
    }

    /** The ids of the hits that are fixture pages of this class, in order (other tests may add pages too). */
    private static List<Integer> ids(JsonNode body) {
        List<Integer> ids = new ArrayList<>();
        body.get("items").forEach(i -> ids.add(i.get("id").asInt()));
        return ids.stream().filter(FIXTURES::contains).toList();
    }

    private static List<Integer> sorted(Integer... ids) {
        return List.of(ids).stream().sorted().toList();
    }

    private static List<Integer> sorted(List<Integer> ids) {
        return ids.stream().sorted().toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int count(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM search_document");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static int exhibit(String slug, String title, String body, boolean featured, boolean live, String published)
            throws SQLException {
        try (Connection c = backend.db().connect()) {
            c.setAutoCommit(false);
            int id = page(c, "exhibits.ExhibitPage", slug, title, live, published);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO exhibit (page_id, body, featured) VALUES (?, CAST(? AS jsonb), ?)")) {
                st.setInt(1, id);
                st.setString(2, body);
                st.setBoolean(3, featured);
                st.executeUpdate();
            }
            c.commit();
            FIXTURES.add(id);
            return id;
        }
    }

    static int collectionPage(String slug, String title, String published) throws SQLException {
        return collection(slug, title, "", "[]", false, published);
    }

    static int collection(String slug, String title, String introduction, String content, boolean featured,
                          String published) throws SQLException {
        try (Connection c = backend.db().connect()) {
            c.setAutoCommit(false);
            int id = page(c, "ov_collections.Collection", slug, title, true, published);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO collection (page_id, introduction, content, featured)"
                    + " VALUES (?, ?, CAST(? AS jsonb), ?)")) {
                st.setInt(1, id);
                st.setString(2, introduction);
                st.setString(3, content);
                st.setBoolean(4, featured);
                st.executeUpdate();
            }
            c.commit();
            FIXTURES.add(id);
            return id;
        }
    }

    private static int page(Connection c, String type, String slug, String title, boolean live, String published)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO page (type, slug, title, draft_title, live,"
                + " first_published_at, last_published_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            Timestamp at = Timestamp.from(Instant.parse(published));
            st.setString(1, type);
            st.setString(2, slug);
            st.setString(3, title);
            st.setString(4, title);
            st.setBoolean(5, live);
            st.setTimestamp(6, at);
            st.setTimestamp(7, at);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
