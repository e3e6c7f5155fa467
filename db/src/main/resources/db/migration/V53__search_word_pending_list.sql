-- The vocabulary's trigram index (fuzzy words, `word~`) with a short GIN pending list, merged after a rebuild.
-- search_rebuild() deletes and re-inserts every word: the inserts went to the index's pending list (up to the 4 MB
-- default; 2.4 MB for 11,000 words), which every fuzzy lookup then read sequentially, testing the trigrams of each
-- entry: 43 ms of CPU per lookup instead of 0.06 ms (bench/search.sh, BENCHMARKS.md "Search"). As for the
-- search_document indexes in V22, 256 kB bounds what a publish leaves there and the rebuild merges the list.
ALTER INDEX search_word_trgm_idx SET (gin_pending_list_limit = 256);

-- As in V22, merging the pending lists of the vocabulary's GIN indexes too.
CREATE OR REPLACE FUNCTION search_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM search_document;
    INSERT INTO search_document SELECT * FROM search_document_source(NULL);
    DELETE FROM search_word;
    INSERT INTO search_word SELECT DISTINCT search_words(d.title || ' ' || d.body_text) FROM search_document d
        ON CONFLICT DO NOTHING;
    IF to_regclass('gbh_series') IS NOT NULL THEN
        INSERT INTO search_word SELECT DISTINCT search_words(s.title) FROM gbh_series s ON CONFLICT DO NOTHING;
    END IF;
    BEGIN
        PERFORM gin_clean_pending_list(i.indexrelid::regclass)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE i.indrelid IN ('search_document'::regclass, 'search_word'::regclass) AND am.amname = 'gin';
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;  -- only the owner may merge; vacuum will
    END;
    SELECT count(*) INTO n FROM search_document;
    RETURN n;
END $$;

SELECT gin_clean_pending_list('search_word_trgm_idx');
