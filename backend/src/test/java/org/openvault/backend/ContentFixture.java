package org.openvault.backend;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.openvault.testing.TestDatabase;

/**
 * The content every API test reads, loaded once per test JVM into the migrated test database.
 * <p>
 * Live exhibits in their expected default order (featured first, then newest published, never-published last):
 * ex-featured-new, ex-featured-old, ex-plain-new, ex-plain-old, ex-child (under col-b), ex-never; plus ex-draft
 * (not live). Collections: col-a (featured), col-b, col-draft (not live). Authors: Alice, Bob, Carol and 22 more.
 */
public final class ContentFixture {

    public static final List<String> LIVE_EXHIBITS_IN_ORDER = List.of(
            "ex-featured-new", "ex-featured-old", "ex-plain-new", "ex-plain-old", "ex-child", "ex-never");
    public static final String FOOTNOTE_1 = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    public static final String FOOTNOTE_2 = "9b2e1c7a-0d4f-4e8b-a1c2-5d6e7f8a9b0c";
    public static final int EXTRA_AUTHORS = 22;

    private static boolean loaded;

    private ContentFixture() {
    }

    /** Loads the fixture once; the backend must have migrated the database first. */
    public static synchronized void ensureLoaded(TestDatabase db) {
        if (loaded) {
            return;
        }
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO author (name, bio) VALUES ('Alice Archivist', '<p data-block-key=\"a1\">Alice keeps the <i>archive</i>.</p>'),"
                + " ('Bob Broadcaster', '<p data-block-key=\"b1\">Bob made programs.</p>'), ('Carol Unused', '')");
        for (int i = 1; i <= EXTRA_AUTHORS; i++) {
            sql.add("INSERT INTO author (name) VALUES ('Extra Author " + i + "')");
        }
        exhibit(sql, "ex-featured-old", "Featured Old", true, "2020-01-01 00:00:00+00", "2024-01-01 10:00:00+00", true, 3);
        exhibit(sql, "ex-featured-new", "Featured New", true, "2021-05-21 14:03:11.512349+00", "2025-01-14 21:30:02.004512+00", true, 3);
        exhibit(sql, "ex-plain-new", "Plain New", false, "2022-01-01 00:00:00+00", "2025-06-01 00:00:00+00", true, 3);
        exhibit(sql, "ex-plain-old", "Plain Old", false, "2019-01-01 00:00:00+00", "2023-01-01 00:00:00+00", true, 3);
        exhibit(sql, "ex-never", "Never Published", false, null, null, true, 3);
        exhibit(sql, "ex-draft", "A Draft", true, "2020-01-01 00:00:00+00", "2026-01-01 00:00:00+00", false, 3);
        collection(sql, "col-a", "Collection A", true, "2023-12-21 16:00:00+00", "2025-06-03 12:10:45.12+00", true);
        collection(sql, "col-b", "Collection B", false, "2023-01-01 00:00:00+00", "2024-06-03 12:00:00+00", true);
        collection(sql, "col-draft", "Collection Draft", true, "2023-01-01 00:00:00+00", "2026-06-03 12:00:00+00", false);
        sql.add("INSERT INTO page (type, slug, title, live, first_published_at, last_published_at, parent_id)"
                + " SELECT 'exhibits.ExhibitPage', 'ex-child', 'Child Exhibit', true, '2018-01-01', '2022-01-01', id"
                + " FROM page WHERE slug = 'col-b'");
        sql.add("INSERT INTO exhibit (page_id) SELECT id FROM page WHERE slug = 'ex-child'");
        sql.add("UPDATE page SET seo_title = 'SEO Featured', show_in_menus = true,"
                + " search_description = 'Interviews and footage.' WHERE slug = 'ex-featured-new'");
        sql.add("UPDATE exhibit SET body = '" + EXHIBIT_BODY.replace("'", "''") + "'::jsonb"
                + " WHERE page_id = (SELECT id FROM page WHERE slug = 'ex-featured-new')");
        // Bob first by sort_order although Alice's link is inserted first: authors come out by sort_order.
        sql.add("INSERT INTO exhibit_author (page_id, author_id, sort_order)"
                + " SELECT p.id, a.id, 1 FROM page p, author a WHERE p.slug = 'ex-featured-new' AND a.name = 'Alice Archivist'");
        sql.add("INSERT INTO exhibit_author (page_id, author_id, sort_order)"
                + " SELECT p.id, a.id, 0 FROM page p, author a WHERE p.slug = 'ex-featured-new' AND a.name = 'Bob Broadcaster'");
        sql.add("INSERT INTO footnote (page_id, uuid, text, sort_order) SELECT id, '" + FOOTNOTE_2
                + "', '<p data-block-key=\"f2\">Second.</p>', 2 FROM page WHERE slug = 'ex-featured-new'");
        sql.add("INSERT INTO footnote (page_id, uuid, text, sort_order) SELECT id, '" + FOOTNOTE_1
                + "', '<p data-block-key=\"f1\">GBH Archives, box 12.</p>', 1 FROM page WHERE slug = 'ex-featured-new'");
        String[] others = {"ex-plain-new", "ex-draft", "ex-featured-old"};
        for (int i = 0; i < others.length; i++) {
            sql.add("INSERT INTO exhibit_other_exhibit (page_id, exhibit_id, sort_order) SELECT s.id, d.id, " + i
                    + " FROM page s, page d WHERE s.slug = 'ex-featured-new' AND d.slug = '" + others[i] + "'");
        }
        sql.add("UPDATE collection SET introduction = '<p data-block-key=\"i1\"><i>Say Brother</i> premiered in 1968.</p>',"
                + " content = '" + COLLECTION_CONTENT.replace("'", "''") + "'::jsonb"
                + " WHERE page_id = (SELECT id FROM page WHERE slug = 'col-a')");
        db.execute(sql.toArray(String[]::new));
        loaded = true;
    }

    private static void exhibit(List<String> sql, String slug, String title, boolean featured, String first,
                                String last, boolean live, int parent) {
        sql.add("INSERT INTO page (type, slug, title, live, first_published_at, last_published_at, parent_id) VALUES"
                + " ('exhibits.ExhibitPage', '" + slug + "', '" + title + "', " + live + ", " + ts(first) + ", "
                + ts(last) + ", " + parent + ")");
        sql.add("INSERT INTO exhibit (page_id, featured) SELECT id, " + featured + " FROM page WHERE slug = '" + slug + "'");
    }

    private static void collection(List<String> sql, String slug, String title, boolean featured, String first,
                                   String last, boolean live) {
        sql.add("INSERT INTO page (type, slug, title, live, first_published_at, last_published_at) VALUES"
                + " ('ov_collections.Collection', '" + slug + "', '" + title + "', " + live + ", " + ts(first) + ", "
                + ts(last) + ")");
        sql.add("INSERT INTO collection (page_id, featured) SELECT id, " + featured + " FROM page WHERE slug = '" + slug + "'");
    }

    private static String ts(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    /** The id of a page by slug. */
    public static int id(TestDatabase db, String slug) {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM page WHERE slug = '" + slug + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every block type of an exhibit body, stored in our canonical form. */
    public static final String EXHIBIT_BODY = """
            [{"type": "heading", "value": "<p data-block-key=\\"h7k2q\\">Voices of the <i>Vietnam</i> Era</p>", "id": "0b6d7f0e-3c1a-4f8e-9a51-2b0c3d4e5f60"},
             {"type": "text", "value": "<p data-block-key=\\"a8k3j\\">Interviews<footnote id=\\"3fa85f64-5717-4562-b3fc-2c963f66afa6\\">[3fa85f]</footnote>. See <a id=\\"15\\" linktype=\\"page\\">Say Brother</a>.</p><embed alt=\\"Crew\\" embedtype=\\"image\\" format=\\"fullwidth\\" id=\\"44\\"/>", "id": "5e1f1a52-7d0c-4c84-8f55-0d9a6b1c2e33"},
             {"type": "interviews", "value": {"guids": ["cpb-aacip-15-0v89g5gf5r", "cpb-aacip-15-1r6n00zw3d"], "special_collections": "vietnam", "show_title": true, "show_thumbnail": false, "show_sidebar": true, "title": "<p data-block-key=\\"q1w2e\\">Interviews</p>", "start_time": "90.0", "end_time": "300.0", "access_level": "online"}, "id": "9c0e2b7a-1111-4a2b-8c3d-4e5f6a7b8c9d"},
             {"type": "archival_footage", "value": {"guids": ["cpb-aacip-15-aaaa"], "special_collections": "", "show_title": true, "show_thumbnail": true, "show_sidebar": false, "title": "", "start_time": null, "end_time": null, "access_level": "digitized"}, "id": "b1"},
             {"type": "photographs", "value": {"guids": ["cpb-aacip-15-bbbb"], "access_level": "all"}, "id": "b2"},
             {"type": "original_footage", "value": {"guids": ["cpb-aacip-15-cccc"]}, "id": "b3"},
             {"type": "programs", "value": {"guids": ["cpb-aacip-15-dddd"]}, "id": "b4"},
             {"type": "related_content", "value": {"guids": ["cpb-aacip-15-eeee"]}, "id": "b5"},
             {"type": "subheading", "value": "<p data-block-key=\\"s9d8f\\">Further viewing</p>", "id": "b6"},
             {"type": "html", "value": "<iframe src=\\"https://americanarchive.org/openvault/x\\"></iframe>", "id": "b7"},
             {"type": "credits", "value": "<p data-block-key=\\"c0r1e\\">Curated by GBH Archives.</p>", "id": "b8"}]
            """;

    /** A collection stream; its programs block is in Wagtail's raw stored form (string guids, ISO durations, old pair). */
    public static final String COLLECTION_CONTENT = """
            [{"type": "heading", "value": "<p data-block-key=\\"h1h1h\\">Episodes</p>", "id": "c1"},
             {"type": "programs", "value": {"guids": "cpb-aacip-15-abc123\\n cpb-aacip-15-def456  ", "special_collections": "say-brother", "title": "<p data-block-key=\\"t1t1t\\">Full episodes</p>", "start_time": "P0DT00H01M30S", "end_time": "P0DT01H00M00.500000S", "access_level": ["all", "All"]}, "id": "c2"},
             {"type": "text", "value": "<p data-block-key=\\"x1x1x\\">More about the series</p>", "id": "c3"},
             {"type": "html", "value": "<b>raw</b>", "id": "c4"},
             {"type": "credits", "value": "<p data-block-key=\\"c2c2c\\">Digitized with support.</p>", "id": "c5"}]
            """;
}
