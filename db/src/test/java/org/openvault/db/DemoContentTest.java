package org.openvault.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo content covers what issue 3 asks for: every block type, authors, footnotes in use, other exhibits. */
class DemoContentTest {

    private static final TestDatabase DB = TestDatabase.get();

    @BeforeAll
    static void load() {
        DatabaseSettings settings = new DatabaseSettings(DB.url(), DB.user(), DB.password());
        Migrate.migrate(settings);
        DemoContent.load(settings);
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void atLeastFourLiveExhibitsAndCollectionsUnderHome() throws SQLException {
        assertTrue(strings("SELECT p.slug FROM page p JOIN exhibit e ON e.page_id = p.id WHERE p.live AND p.parent_id = 3").size() >= 4);
        assertTrue(strings("SELECT p.slug FROM page p JOIN collection c ON c.page_id = p.id WHERE p.live AND p.parent_id = 3").size() >= 4);
    }

    @Test
    void everyBlockTypeAppears() throws SQLException {
        Set<String> exhibitTypes = new HashSet<>(strings("SELECT DISTINCT b->>'type' FROM exhibit, jsonb_array_elements(body) b"));
        assertTrue(exhibitTypes.containsAll(List.of("interviews", "archival_footage", "photographs", "original_footage",
                "programs", "related_content", "credits", "heading", "text", "subheading", "html")), exhibitTypes.toString());
        Set<String> collectionTypes = new HashSet<>(strings("SELECT DISTINCT b->>'type' FROM collection, jsonb_array_elements(content) b"));
        assertTrue(collectionTypes.containsAll(List.of("interviews", "archival_footage", "photographs", "original_footage",
                "programs", "related_content", "credits", "heading", "text", "html")), collectionTypes.toString());
        for (String guid : strings("SELECT g FROM exhibit, jsonb_array_elements(body) b, jsonb_array_elements_text(b->'value'->'guids') g")) {
            assertTrue(guid.matches("cpb-aacip-15-[0-9a-z]{10}"), guid);
        }
    }

    @Test
    void footnoteMarkersInTextBlocksReferToThePagesFootnotes() throws SQLException {
        Pattern marker = Pattern.compile("<footnote id=\"([0-9a-f-]{36})\">\\[([0-9a-f]{6})]</footnote>");
        List<String> rows = strings("SELECT e.page_id || ' ' || (b->>'value') FROM exhibit e, jsonb_array_elements(e.body) b"
                + " WHERE b->>'type' = 'text'");
        int seen = 0;
        for (String row : rows) {
            String page = row.substring(0, row.indexOf(' '));
            Matcher m = marker.matcher(row);
            while (m.find()) {
                assertEquals(m.group(1).substring(0, 6), m.group(2));
                assertEquals(List.of(m.group(1)), strings("SELECT uuid::text FROM footnote WHERE page_id = " + page
                        + " AND uuid = '" + m.group(1) + "'"));
                seen++;
            }
        }
        assertTrue(seen >= 8, "footnotes are referenced from the text: " + seen);
    }

    @Test
    void authorsWithBiosAndOtherExhibits() throws SQLException {
        assertTrue(strings("SELECT name FROM author WHERE bio <> ''").size() >= 4);
        assertTrue(strings("SELECT DISTINCT page_id::text FROM exhibit_author").size() >= 4, "every exhibit has authors");
        assertTrue(strings("SELECT page_id::text FROM exhibit_other_exhibit GROUP BY page_id HAVING count(*) <= 3").size() >= 4);
    }
}
