-- The backend keeps search answers until the content version changes (backend package responsecache). A rebuild
-- can change what searches answer without any change to the tracked tables (a repair, a bulk load with the
-- triggers off, new search functions from a migration), so it counts as a content change: it bumps the version and
-- announces it, as the tracked tables' trigger does (V52).
-- As in V53, plus the bump at the end.
CREATE OR REPLACE FUNCTION search_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
    bumped bigint;
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
    UPDATE content_version SET version = version + 1, changed_at = now() RETURNING version INTO bumped;
    PERFORM pg_notify('content_version', bumped::text);
    SELECT count(*) INTO n FROM search_document;
    RETURN n;
END $$;
