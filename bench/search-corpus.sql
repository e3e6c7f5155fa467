-- Generates a search benchmark corpus: :pages pages under Home (2/3 exhibits, 1/3 collections, 5% drafts) with
-- StreamField bodies of ~300 words drawn with a skewed (Zipf-like) frequency from a vocabulary of common English
-- words and the GBH series title words. Loads with the search triggers off, then times search_rebuild().
-- Usage: psql -v pages=10000 -f search-corpus.sql <scratch database>   (after the migrations)
\set ON_ERROR_STOP on
\timing off

CREATE TEMP TABLE bench_vocab AS
SELECT row_number() OVER (ORDER BY md5(w))::int AS i, w FROM (
    SELECT DISTINCT search_words(title) AS w FROM gbh_series
    UNION
    SELECT unnest(string_to_array('the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when what more if no out so said who up its about than into them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might great old year off come since against came right used take three states himself few house use during without again place american around however home small found thought went say part once general high upon school every does got united left number course war until always away something fact though water less public put thing almost hand enough far took head yet government system better set told nothing night end why called eyes find going look asked later knew boston radio television music history science news children program station interview film archive civil rights city community',
        ' '))
) v;

ALTER TABLE bench_vocab ADD PRIMARY KEY (i);
ANALYZE bench_vocab;

-- n words, word i picked with probability falling steeply with i (random()^2.5)
CREATE FUNCTION pg_temp.bench_words(n integer) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(v.w, ' ' ORDER BY g.k)
    FROM (SELECT k, 1 + floor(power(random(), 2.5) * (SELECT count(*) FROM bench_vocab))::int AS r
          FROM generate_series(1, n) AS k) g
    JOIN bench_vocab v ON v.i = g.r
$$;

ALTER TABLE page DISABLE TRIGGER search_page_inserted;
ALTER TABLE exhibit DISABLE TRIGGER search_exhibit_changed;
ALTER TABLE collection DISABLE TRIGGER search_collection_changed;

SELECT setseed(0.42);
INSERT INTO page (type, slug, title, draft_title, live, first_published_at, last_published_at, parent_id)
SELECT CASE WHEN g % 3 = 0 THEN 'ov_collections.Collection' ELSE 'exhibits.ExhibitPage' END,
       'bench-' || g, t.title, t.title, g % 20 <> 0, t.at, t.at, 3
FROM generate_series(1, :pages) g,
     LATERAL (SELECT initcap(pg_temp.bench_words(3 + g % 5)) AS title,
                     now() - random() * interval '3000 days' AS at) t;

INSERT INTO exhibit (page_id, body, featured)
SELECT p.id, jsonb_build_array(
           jsonb_build_object('type', 'heading', 'value', '<i>' || pg_temp.bench_words(4) || '</i>', 'id', 'h'),
           jsonb_build_object('type', 'text', 'value', '<p data-block-key="a">' || pg_temp.bench_words(70) || '</p>', 'id', 'a'),
           jsonb_build_object('type', 'text', 'value', '<p data-block-key="b">' || pg_temp.bench_words(70) || ' <b>'
               || pg_temp.bench_words(10) || '</b></p>', 'id', 'b'),
           jsonb_build_object('type', 'interviews', 'value', jsonb_build_object(
               'guids', jsonb_build_array('cpb-aacip-15-' || md5(p.id::text)), 'title', pg_temp.bench_words(5),
               'access_level', 'online'), 'id', 'i'),
           jsonb_build_object('type', 'text', 'value', '<p data-block-key="c">' || pg_temp.bench_words(70) || '</p>', 'id', 'c'),
           jsonb_build_object('type', 'credits', 'value', '<p>' || pg_temp.bench_words(15) || '</p>', 'id', 'd')),
       random() < 0.1
FROM page p WHERE p.type = 'exhibits.ExhibitPage' AND p.slug LIKE 'bench-%';

INSERT INTO collection (page_id, introduction, content, featured)
SELECT p.id, '<p>' || pg_temp.bench_words(80) || '</p>',
       jsonb_build_array(
           jsonb_build_object('type', 'text', 'value', '<p>' || pg_temp.bench_words(120) || '</p>', 'id', 'a'),
           jsonb_build_object('type', 'programs', 'value', jsonb_build_object(
               'guids', jsonb_build_array('cpb-aacip-15-' || md5(p.id::text)), 'title', pg_temp.bench_words(5)), 'id', 'p')),
       random() < 0.1
FROM page p WHERE p.type = 'ov_collections.Collection' AND p.slug LIKE 'bench-%';

ALTER TABLE page ENABLE TRIGGER search_page_inserted;
ALTER TABLE exhibit ENABLE TRIGGER search_exhibit_changed;
ALTER TABLE collection ENABLE TRIGGER search_collection_changed;

\timing on
\echo 'rebuild (search_rebuild over the whole corpus):'
SELECT search_rebuild();
\timing off
VACUUM ANALYZE search_document;
VACUUM ANALYZE search_word;
VACUUM ANALYZE search_term;
