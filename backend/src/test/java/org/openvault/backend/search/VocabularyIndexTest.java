package org.openvault.backend.search;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.db.DatabaseSettings;
import org.openvault.db.Migrate;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rebuild leaves the vocabulary's trigram index merged: every fuzzy lookup would otherwise read the GIN pending
 * list through, testing the trigrams of each word waiting there (43 ms per lookup at 11,000 words).
 */
class VocabularyIndexTest {

    private static final TestDatabase SHARED = TestDatabase.get();
    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = SHARED.newScratch();
        Migrate.migrate(new DatabaseSettings(db.url(), db.user(), db.password()));
        db.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
    }

    @AfterAll
    static void drop() {
        SHARED.dropScratch(db);
    }

    @Test
    void aRebuildLeavesNoVocabularyWaitingInThePendingList() {
        // 6,000 distinct words (two per series title) go into search_word on the rebuild
        db.execute("INSERT INTO gbh_series (title) SELECT 'Series ' || md5(g::text) || ' ' || md5((-g)::text)"
                + " FROM generate_series(1, 3000) g", "SELECT search_rebuild()");
        assertTrue(db.queryLong("SELECT count(*) FROM search_word") >= 6000);
        assertEquals(0, db.queryLong("SELECT pending_pages FROM pgstatginindex('search_word_trgm_idx')"));
    }
}
