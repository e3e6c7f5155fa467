-- Search at scale (bench/search.sh, BENCHMARKS.md "Search"); results are unchanged.
-- 1. Narrow rows. With the default target (~2 kB) a row kept its plain text inline (1.7 kB on the benchmark
--    corpus), so every scan over the matches (facet counts, listing totals, the title test of the ranking) read
--    ~1.2 kB per match: 12 MB of heap for 10,000 documents, 120 MB for 100,000, more than shared_buffers. A row
--    that needs toasting at all (over ~2 kB, as soon as the tsvector goes out of line) is now cut to 256 bytes:
--    the text goes out of line too and the heap is 2 MB per 10,000 documents; the text is read only for the few
--    hits that get a snippet. The small columns every scan reads (type, slug, title, title_vector) are MAIN: the
--    toaster may compress them but keeps them in the row, or a 256-byte target would push some title vectors out.
-- 2. A short GIN pending list. A publish adds its entries to the index's pending list, which every search reads
--    sequentially until it is merged; 256 kB instead of 4 MB bounds that (fastupdate off would avoid it but makes
--    a full rebuild 2.3x slower). search_rebuild() merges the list when it is done.
-- 3. A GIN index on title_vector: the title tier of the ranking (PageSearchRepository.Tier) is found by index
--    (a bitmap AND with the document index) instead of testing every match's title.
ALTER TABLE search_document SET (toast_tuple_target = 256),
    ALTER COLUMN type SET STORAGE MAIN,
    ALTER COLUMN slug SET STORAGE MAIN,
    ALTER COLUMN title SET STORAGE MAIN,
    ALTER COLUMN title_vector SET STORAGE MAIN;
ALTER INDEX search_document_document_idx SET (gin_pending_list_limit = 256);
ALTER INDEX search_document_title_trgm_idx SET (gin_pending_list_limit = 256);
CREATE INDEX search_document_title_vector_idx ON search_document USING gin (title_vector)
    WITH (gin_pending_list_limit = 256);

-- As in V20, plus merging the GIN pending lists the bulk insert filled.
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
            WHERE i.indrelid = 'search_document'::regclass AND am.amname = 'gin';
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;  -- only the owner may merge; vacuum will
    END;
    SELECT count(*) INTO n FROM search_document;
    RETURN n;
END $$;

-- Rewrite the existing rows with the new target.
SELECT search_rebuild();
