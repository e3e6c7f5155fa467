-- Relevance without reading whole tsvectors (bench/search.sh, BENCHMARKS.md "Search"). Ranking a match with
-- ts_rank_cd reads its whole document tsvector (out of line, compressed: 2-3 kB for a body of a few hundred words);
-- a page past the title matches of a broad word ranks every other match, 2,900 of them for a word in a third of the
-- pages: 10 ms of the database's CPU for page 10 of such a word.
--
-- For a query that is only alternatives of words ('peopl':* | 'radio'), the cover density needs far less. With
-- normalisation 1|32, ts_rank_cd counts each position of a lexeme the query matches as a cover of its own, worth the
-- weight of that position, divides the sum by ln(1 + the positions in the document) and maps r to r/(r+1). So the
-- rank of such a query adds up per lexeme: search_term keeps, per lexeme of each search document, its share of the
-- sum (search_term_scores), and search_term_rank turns the sum of a document's shares for the lexemes a query matches
-- into what search_rank gives. The shares are computed with the same floating-point steps as ts_rank_cd, so that
-- the two give the same real (a backend test compares them). Queries with phrases, AND or NOT still rank with
-- search_rank.
--
-- search_term is maintained by statement triggers on search_document, whoever writes it (search_refresh,
-- search_rebuild, a page delete's cascade, a migration's update). Its rows change only with search_document's, so it
-- needs no content-version tracking of its own. Lexemes are stored with the "C" collation: a prefix operand is a
-- range of the primary key in byte order, which is how a tsquery prefix matches.

-- The weights of the ranking, D, C, B, A (title A, slug B, body C).
CREATE FUNCTION search_rank_weights() RETURNS real[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '{0.1, 0.2, 0.4, 1.0}'::real[]
$$;

-- The cover density of a document for a query: the part of the relevance that is not the title bonus.
CREATE FUNCTION search_rank(document tsvector, query tsquery) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ts_rank_cd(search_rank_weights(), document, query, 33)
$$;

-- Each lexeme of a document and its share of search_rank: the weights of its positions (ts_rank_cd takes a cover's
-- worth as 1 / (1 / weight)) over ln(1 + the document's positions, a lexeme without positions counting as one).
-- Documents made by search_document_source always have positions.
CREATE FUNCTION search_term_scores(document tsvector) RETURNS TABLE (lexeme text, score double precision)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT u.lexeme,
           (SELECT sum(1.0::float8 / (1.0::float8 / (search_rank_weights())[
                       CASE w WHEN 'A' THEN 4 WHEN 'B' THEN 3 WHEN 'C' THEN 2 ELSE 1 END]::float8))
            FROM unnest(u.weights) AS w) / ln((1 + n.positions)::float8)
    FROM (SELECT sum(coalesce(array_length(x.positions, 1), 1)) AS positions FROM unnest(document) AS x) n,
         unnest(document) AS u
    WHERE u.weights IS NOT NULL
$$;

-- search_rank of a query that is alternatives of words, from the sum of the document's shares of the lexemes it
-- matches (0 when it matches none).
CREATE FUNCTION search_term_rank(score double precision) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (score / (score + 1))::real
$$;

CREATE TABLE search_term (
    lexeme  text COLLATE "C" NOT NULL,
    page_id integer          NOT NULL,
    score   double precision NOT NULL,
    -- A query's lexemes are read from the index alone (an index-only scan where the table is vacuumed).
    PRIMARY KEY (lexeme, page_id) INCLUDE (score)
);

CREATE FUNCTION search_term_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_term (lexeme, page_id, score)
        SELECT s.lexeme, n.page_id, s.score FROM added n, search_term_scores(n.document) s;
    ELSIF TG_OP = 'DELETE' THEN
        -- (nested: an expression that names a transition table cannot be planned in a trigger without it)
        IF (SELECT count(*) FROM removed) > 1000 THEN
            -- a rebuild: one pass over the table instead of an index probe per lexeme (0.4 instead of 9.5 s for
            -- 9,700 documents)
            DELETE FROM search_term t USING removed o WHERE t.page_id = o.page_id;
        ELSE
            DELETE FROM search_term t USING removed o, unnest(tsvector_to_array(o.document)) AS l (lexeme)
            WHERE t.lexeme = l.lexeme AND t.page_id = o.page_id;
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM search_term t USING removed o, unnest(tsvector_to_array(o.document)) AS l (lexeme)
        WHERE t.lexeme = l.lexeme AND t.page_id = o.page_id
          AND NOT EXISTS (SELECT FROM added n WHERE n.page_id = o.page_id AND n.document = o.document);
        INSERT INTO search_term (lexeme, page_id, score)
        SELECT s.lexeme, n.page_id, s.score FROM added n, search_term_scores(n.document) s
        WHERE NOT EXISTS (SELECT FROM removed o WHERE o.page_id = n.page_id AND o.document = n.document);
    ELSE
        TRUNCATE search_term;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER search_term_inserted AFTER INSERT ON search_document
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_term_changed();
CREATE TRIGGER search_term_deleted AFTER DELETE ON search_document
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_term_changed();
CREATE TRIGGER search_term_updated AFTER UPDATE ON search_document
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_term_changed();
CREATE TRIGGER search_term_truncated AFTER TRUNCATE ON search_document
    FOR EACH STATEMENT EXECUTE FUNCTION search_term_changed();

INSERT INTO search_term (lexeme, page_id, score)
SELECT s.lexeme, d.page_id, s.score FROM search_document d, search_term_scores(d.document) s;
