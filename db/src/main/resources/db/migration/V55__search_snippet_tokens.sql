-- Snippets without ts_headline (bench/search.sh, BENCHMARKS.md "Search"). ts_headline parses and stems the whole
-- body of every hit it highlights: a third of a millisecond per hit on the benchmark corpus, most of what a search
-- costs. The backend (search.BodySnippet) selects the same words itself from what is stored here when a page is
-- indexed: the body's tokens as the default text-search parser cuts them, each as its type (bits 0-4), whether the
-- english configuration gives it a position (bit 5) and its length in characters (one byte below 128, else two,
-- seven bits each, low bits first; 0 for the url and hyphenated-word tokens, whose parts follow them). Which tokens
-- match a query it reads from the document's positions. NULL where that would not be exact: text with '<', '>' or
-- the private-use characters U+E000-U+E003, which the tsvector and the headline see differently (V20), or tokens
-- that do not add up to the text; ts_headline then makes the snippet as before.
CREATE FUNCTION search_snippet_tokens(body text) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN body !~ '[<>\uE000-\uE003]' THEN (
        SELECT CASE WHEN coalesce(sum(len) FILTER (WHERE NOT overlapping), 0) = length(body) THEN
            decode(coalesce(string_agg(lpad(to_hex(tokid + CASE WHEN positioned THEN 32 ELSE 0 END), 2, '0')
                || CASE WHEN overlapping THEN '00'
                        WHEN len < 128 THEN lpad(to_hex(len), 2, '0')
                        ELSE lpad(to_hex(128 + len % 128), 2, '0') || lpad(to_hex(len / 128), 2, '0') END,
                '' ORDER BY n), ''), 'hex') END
        FROM (SELECT n, tokid, tokid IN (5, 15, 16, 17) AS overlapping, length(token) AS len,
                     tokid IN (SELECT maptokentype FROM pg_ts_config_map WHERE mapcfg = 'english'::regconfig)
                         AS positioned
              FROM ts_parse('default', body) WITH ORDINALITY AS t (tokid, token, n)) tokens)
    END
$$;

ALTER TABLE search_document ADD COLUMN snippet_tokens bytea;

-- As in V20, plus the snippet tokens.
CREATE OR REPLACE FUNCTION search_document_source(ids integer[]) RETURNS SETOF search_document LANGUAGE sql STABLE AS $$
    SELECT p.id, p.type, p.slug, p.title, s.body_text, s.featured, s.hero_image_id, p.last_published_at,
           setweight(to_tsvector('english', search_tokenizable(p.title)), 'A')
               || setweight(to_tsvector('english', replace(p.slug, '-', ' ')), 'B')
               || setweight(to_tsvector('english', search_tokenizable(s.body_text)), 'C'),
           to_tsvector('english', search_tokenizable(p.title)),
           search_snippet_tokens(s.body_text)
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

UPDATE search_document SET snippet_tokens = search_snippet_tokens(body_text);
