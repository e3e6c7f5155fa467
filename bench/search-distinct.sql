-- Word lists for `BENCH_QUERIES=distinct bench/search.sh`, which cycles through distinct queries of each class so
-- that kept answers cannot hide the cost of a search. Writes one list per file into the folder :'out':
--   words.txt   words found in 5-50 % of the documents (the common words of the benchmark corpus), shuffled
--   typos.txt   those of 6 letters or more with one inner letter left out (for word~)
--   guids.txt   the AAPB GUIDs of the documents (rare words: one page each)
--   series.txt  the words of the GBH series titles
-- Usage: psql -v out=/tmp/lists -f search-distinct.sql <benchmark database>
\set ON_ERROR_STOP on
SELECT setseed(0.17) \gset
CREATE TEMP TABLE common_word AS
SELECT DISTINCT ON (s.word) w.word
FROM ts_stat('SELECT document FROM search_document') s
JOIN (SELECT word, (SELECT lexeme FROM unnest(to_tsvector('english', word)) LIMIT 1) AS lexeme
      FROM search_word WHERE word ~ '^[a-z]+$') w ON w.lexeme = s.word
WHERE s.ndoc BETWEEN 0.05 * (SELECT count(*) FROM search_document) AND 0.5 * (SELECT count(*) FROM search_document)
ORDER BY s.word, w.word;
\set words :out '/words.txt'
\set typos :out '/typos.txt'
\set guids :out '/guids.txt'
\set series :out '/series.txt'
\pset format unaligned
\pset tuples_only on
\o :words
SELECT word FROM common_word ORDER BY random();
\o :typos
SELECT left(word, k - 1) || substr(word, k + 1) FROM common_word, generate_series(2, length(word) - 1) k
WHERE length(word) >= 6 ORDER BY random();
\o :guids
SELECT guid FROM (SELECT DISTINCT substring(body_text FROM 'cpb-aacip-15-[0-9a-f]{32}') AS guid FROM search_document
                  WHERE body_text ~ 'cpb-aacip-15-[0-9a-f]{32}') g ORDER BY random();
\o :series
SELECT w FROM (SELECT DISTINCT search_words(title) AS w FROM gbh_series) s WHERE w ~ '^[a-z]+$' ORDER BY random();
\o
