-- Full-text search inside PostgreSQL (replaces the original's Elasticsearch index, spec backend §3.9, frontend §4.8).
-- search_document: one row per live exhibit and collection under Home, kept current by triggers on page, exhibit
-- and collection in the same transaction as the write (publish, unpublish, edit, delete), whoever the writer is.
-- search_word: the vocabulary (lower-case words of titles and text) that fuzzy terms (`word~`) are expanded
-- against with pg_trgm; it only grows between rebuilds (stale words just expand to nothing).
-- search_rebuild() recomputes everything (the rebuild command calls it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Rich text in Wagtail storage format -> plain text: footnote markers dropped, tags removed, entities decoded.
CREATE FUNCTION search_plain_text(html text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    t text := coalesce(html, '');
    m text[];
BEGIN
    t := regexp_replace(t, '<footnote\M[^>]*>.*?</footnote>', ' ', 'gi');
    t := regexp_replace(t, '<[^>]*>', ' ', 'g');
    FOR m IN SELECT regexp_matches(t, '&#(x?[0-9a-fA-F]{1,6});', 'g') LOOP
        BEGIN
            t := replace(t, '&#' || m[1] || ';', chr(CASE WHEN m[1] LIKE 'x%'
                THEN ('x' || lpad(substr(m[1], 2), 8, '0'))::bit(32)::int ELSE m[1]::int END));
        EXCEPTION WHEN OTHERS THEN
            t := replace(t, '&#' || m[1] || ';', ' ');
        END;
    END LOOP;
    t := replace(replace(replace(replace(replace(replace(t,
            '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', ''''), '&amp;', '&');
    RETURN btrim(regexp_replace(t, '\s+', ' ', 'g'));
END $$;

-- The searchable text of a StreamField (spec backend §3.9): rich-text blocks stripped; AAPB blocks give their
-- group title, GUIDs, special collection and access-level label; raw `html` blocks are excluded.
CREATE FUNCTION search_stream_text(blocks jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(piece, ' '), '')
    FROM (
        SELECT CASE
            WHEN b->>'type' = 'html' THEN NULL
            WHEN jsonb_typeof(b->'value') = 'string' THEN search_plain_text(b->>'value')
            WHEN jsonb_typeof(b->'value') = 'object' THEN concat_ws(' ',
                search_plain_text(b->'value'->>'title'),
                CASE jsonb_typeof(b->'value'->'guids')
                    WHEN 'array' THEN (SELECT string_agg(g, ' ') FROM jsonb_array_elements_text(b->'value'->'guids') g)
                    ELSE b->'value'->>'guids' END,
                nullif(b->'value'->>'special_collections', ''),
                CASE b->'value'->>'access_level' WHEN 'all' THEN 'All' WHEN 'digitized' THEN 'Digitized'
                    WHEN 'online' THEN 'Online' ELSE NULL END)
            ELSE NULL END AS piece
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(blocks) = 'array' THEN blocks ELSE '[]' END) AS b
    ) pieces
$$;

-- The text-search parser takes '<...>' for markup (and skips text after '<script>'), but our text is plain text:
-- search_tokenizable feeds to_tsvector without '<' and '>'; search_headline_source feeds ts_headline with them as
-- private-use characters U+E002/U+E003, which the API maps back before HTML-escaping (U+E000/U+E001 mark matches).
CREATE FUNCTION search_tokenizable(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t, '<>', '  ')
$$;
CREATE FUNCTION search_headline_source(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(translate(t, E'\uE000\uE001\uE002\uE003', ''), '<>', E'\uE002\uE003')
$$;

CREATE TABLE search_document (
    page_id           integer PRIMARY KEY REFERENCES page (id) ON DELETE CASCADE,
    type              text        NOT NULL,
    slug              text        NOT NULL,
    title             text        NOT NULL,
    -- Plain text of the exhibit body, or the collection introduction and content: snippets come from here.
    body_text         text        NOT NULL,
    featured          boolean     NOT NULL,
    hero_image_id     integer,
    last_published_at timestamptz,
    -- Title (A), slug (B) and body text (C), english stemming.
    document          tsvector    NOT NULL,
    -- The title alone, to boost title matches in the ranking.
    title_vector      tsvector    NOT NULL
);

CREATE INDEX search_document_document_idx ON search_document USING gin (document);
CREATE INDEX search_document_title_trgm_idx ON search_document USING gin (lower(title) gin_trgm_ops);
CREATE INDEX search_document_title_idx ON search_document (lower(title), page_id);
-- newest first (and, read backwards, oldest first: never-published pages count as oldest)
CREATE INDEX search_document_published_idx ON search_document (last_published_at DESC NULLS LAST, page_id DESC);

CREATE TABLE search_word (
    word text PRIMARY KEY
);
CREATE INDEX search_word_trgm_idx ON search_word USING gin (word gin_trgm_ops);

-- The lower-case words (3 to 40 characters) of a text, each once.
CREATE FUNCTION search_words(t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT w FROM regexp_split_to_table(lower(coalesce(t, '')), '[^[:alnum:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 40
$$;

-- What search_document should hold for the given pages (all indexable pages when ids is NULL).
CREATE FUNCTION search_document_source(ids integer[]) RETURNS SETOF search_document LANGUAGE sql STABLE AS $$
    SELECT p.id, p.type, p.slug, p.title, s.body_text, s.featured, s.hero_image_id, p.last_published_at,
           setweight(to_tsvector('english', search_tokenizable(p.title)), 'A')
               || setweight(to_tsvector('english', replace(p.slug, '-', ' ')), 'B')
               || setweight(to_tsvector('english', search_tokenizable(s.body_text)), 'C'),
           to_tsvector('english', search_tokenizable(p.title))
    FROM page p
    JOIN (
        SELECT e.page_id, search_stream_text(e.body) AS body_text, e.featured, e.hero_image_id
        FROM exhibit e WHERE ids IS NULL OR e.page_id = ANY (ids)
        UNION ALL
        SELECT c.page_id, btrim(search_plain_text(c.introduction) || ' ' || search_stream_text(c.content)),
               c.featured, c.hero_image_id
        FROM collection c WHERE ids IS NULL OR c.page_id = ANY (ids)
    ) s ON s.page_id = p.id
    WHERE p.live
      AND p.type IN ('exhibits.ExhibitPage', 'ov_collections.Collection')
      AND p.url_path LIKE '/home/%'
      AND (ids IS NULL OR p.id = ANY (ids))
$$;

-- Brings the search document of one page up to date: inserts, updates or removes it.
CREATE FUNCTION search_refresh(p_page integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_document WHERE page_id = p_page;
    INSERT INTO search_document SELECT * FROM search_document_source(ARRAY[p_page]);
    INSERT INTO search_word SELECT search_words(d.title || ' ' || d.body_text)
        FROM search_document d WHERE d.page_id = p_page
        ON CONFLICT DO NOTHING;
END $$;

-- Recomputes every search document and the vocabulary; answers how many documents there are.
CREATE FUNCTION search_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
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
    SELECT count(*) INTO n FROM search_document;
    RETURN n;
END $$;

CREATE FUNCTION search_page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_refresh(NEW.id);
    RETURN NULL;
END $$;

-- Page deletes need no trigger: search_document rows go with the page (ON DELETE CASCADE).
CREATE TRIGGER search_page_inserted AFTER INSERT ON page
    FOR EACH ROW EXECUTE FUNCTION search_page_changed();
CREATE TRIGGER search_page_updated AFTER UPDATE OF type, slug, title, live, last_published_at, url_path, parent_id ON page
    FOR EACH ROW
    WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.slug IS DISTINCT FROM NEW.slug
          OR OLD.title IS DISTINCT FROM NEW.title OR OLD.live IS DISTINCT FROM NEW.live
          OR OLD.last_published_at IS DISTINCT FROM NEW.last_published_at
          OR OLD.url_path IS DISTINCT FROM NEW.url_path)
    EXECUTE FUNCTION search_page_changed();

CREATE FUNCTION search_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM search_refresh(OLD.page_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.page_id <> OLD.page_id) THEN
        PERFORM search_refresh(NEW.page_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER search_exhibit_changed AFTER INSERT OR UPDATE OR DELETE ON exhibit
    FOR EACH ROW EXECUTE FUNCTION search_content_changed();
CREATE TRIGGER search_collection_changed AFTER INSERT OR UPDATE OR DELETE ON collection
    FOR EACH ROW EXECUTE FUNCTION search_content_changed();

SELECT search_rebuild();
