package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openvault.backend.database.Statements;

/**
 * A visitor's query text made ready for SQL: parsed, fuzzy words expanded against the vocabulary
 * ({@code search_word}, pg_trgm candidates filtered by edit distance), rendered as tsquery text.
 *
 * @param kind      how documents are matched
 * @param ts        the tsquery texts (kind TEXT)
 * @param titleLike a LIKE pattern on lower(title) (kind TITLE): for queries made only of stop words ("the")
 * @param highlighted the words the ranking query highlights, when it is only alternatives of words (kind TEXT):
 *                  then snippets need no ts_headline ({@link BodySnippet})
 * @param terms     the ranking query's lexemes in search_term, when the match query is only alternatives of words
 *                  too: then the matches are the documents with one of them, about as many as their rows of
 *                  search_term, and those rows can rank them
 */
public record CompiledQuery(Kind kind, TsQueryText ts, String titleLike, Optional<AlternativeWords> highlighted,
                            Optional<TermScores> terms) {

    public enum Kind {
        /** No query: everything matches. */
        ALL,
        /** Full-text match with {@link #ts()}. */
        TEXT,
        /** Title substring match with {@link #titleLike()}. */
        TITLE,
        /** A query without any word: nothing matches. */
        NONE
    }

    /** A tsquery parameter as SQL: {@code d.document @@ } + this, with the query text as its parameter. */
    public static final String TSQUERY = "(SELECT to_tsquery('english', ?))";

    private static final Logger LOG = Logger.getLogger(CompiledQuery.class.getName());
    static final int MAX_FUZZY_WORDS = 5;
    private static final int MAX_EXPANSIONS = 10;
    private static final String SIMILAR_WORDS = """
            SELECT word FROM search_word
            WHERE word % ? AND length(word) BETWEEN ? AND ?
            ORDER BY similarity(word, ?) DESC, word LIMIT 50
            """;
    /** How many lexemes the match query has, and PostgreSQL's texts of the ranking and match queries. */
    private static final String LEXEMES = "SELECT numnode(m), r::text, m::text"
            + " FROM to_tsquery('english', ?) m, to_tsquery('english', ?) r";

    public static CompiledQuery compile(Statements db, String text) {
        if (text == null || text.isBlank()) {
            return new CompiledQuery(Kind.ALL, null, null, Optional.empty(), Optional.empty());
        }
        Optional<SearchQuery> parsed = parse(text);
        if (parsed.isEmpty()) {
            return new CompiledQuery(Kind.NONE, null, null, Optional.empty(), Optional.empty());
        }
        TsQueryText ts = TsQueryText.of(parsed.get(), similarWords(db, parsed.get()));
        Lexemes lexemes = db.one(LEXEMES, rs -> new Lexemes(rs.getInt(1), rs.getString(2), rs.getString(3)),
                ts.match(), ts.ranking()).orElseThrow();
        if (lexemes.count() > 0) {
            Optional<AlternativeWords> highlighted = AlternativeWords.of(lexemes.ranking());
            Optional<TermScores> terms = AlternativeWords.of(lexemes.match()).isPresent()
                    ? highlighted.flatMap(TermScores::of) : Optional.empty();
            return new CompiledQuery(Kind.TEXT, ts, null, highlighted, terms);
        }
        // Only stop words ("the", "who"): fall back to a title substring match, like the ES edge-ngrams did.
        String words = String.join(" ", SearchQueryParser.words(text));
        return new CompiledQuery(Kind.TITLE, ts, "%" + likeEscape(words.toLowerCase(Locale.ROOT)) + "%",
                Optional.empty(), Optional.empty());
    }

    private record Lexemes(int count, String ranking, String match) {
    }

    /**
     * What {@link #compile} makes of {@code text} depends on this alone (and on the vocabulary): the parsed query
     * and, for a query of stop words only, its words. Texts that differ only in case, spacing or punctuation the
     * parser ignores have the same key.
     */
    public static String key(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return parse(text).map(Object::toString).orElse("none") + " " + SearchQueryParser.words(text);
    }

    private static Optional<SearchQuery> parse(String text) {
        try {
            return SearchQueryParser.parse(text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Query parser failed, searching the plain words of: " + text, e);
            return SearchQueryParser.plain(text);
        }
    }

    private static Map<String, List<String>> similarWords(Statements db, SearchQuery query) {
        Map<String, List<String>> similar = new HashMap<>();
        for (SearchQuery.Word w : TsQueryText.fuzzyWords(query)) {
            if (similar.containsKey(w.word())) {
                continue;
            }
            // One lookup per distinct word, for the first few only: the rest match as they are written.
            if (similar.size() == MAX_FUZZY_WORDS) {
                break;
            }
            List<String> found = new ArrayList<>();
            for (String candidate : db.list(SIMILAR_WORDS, rs -> rs.getString(1), w.word(),
                    w.word().length() - w.fuzziness(), w.word().length() + w.fuzziness(), w.word())) {
                if (found.size() < MAX_EXPANSIONS && EditDistance.withinLimit(w.word(), candidate, w.fuzziness())) {
                    found.add(candidate);
                }
            }
            similar.put(w.word(), found);
        }
        return similar;
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Appends this query's WHERE condition on a table aliased {@code d} with a {@code document} tsvector and a
     * {@code title} (the search documents of pages, the GBH series).
     */
    public void appendMatch(SqlText sql) {
        switch (kind) {
            case ALL -> sql.append("TRUE");
            case NONE -> sql.append("FALSE");
            case TEXT -> sql.append("d.document @@ " + TSQUERY, ts.match());
            case TITLE -> sql.append("lower(d.title) LIKE ?", titleLike);
        }
    }
}
