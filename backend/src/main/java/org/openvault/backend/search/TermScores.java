package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The cover density of a query that is alternatives of words, read from {@code search_term} (each document's share of
 * the rank per lexeme) instead of each match's whole tsvector: {@code search_term_rank(sum of the shares)} equals
 * {@code search_rank(document, query)} for such a query (the migration that adds search_term says why).
 * <p>
 * ts_rank_cd counts a lexeme once however many operands match it, so the operands are made disjoint first: a word a
 * prefix operand covers, and a prefix a shorter one covers, are left out; each of the others is one range of the
 * primary key (a prefix: the lexemes from it up to it followed by the last code point, in the "C" collation's byte
 * order), read from the index alone.
 */
final class TermScores {

    /** After a prefix, above every character a lexeme can continue it with. */
    private static final String AFTER_PREFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final List<String> words;
    private final List<String> prefixes;

    private TermScores(List<String> words, List<String> prefixes) {
        this.words = words;
        this.prefixes = prefixes;
    }

    /** For a ranking query of alternatives of words; empty when its operands carry weights (ranked by search_rank). */
    static Optional<TermScores> of(AlternativeWords alternatives) {
        if (alternatives.weighted()) {
            return Optional.empty();
        }
        TreeSet<String> prefixes = new TreeSet<>();
        for (AlternativeWords.Operand operand : alternatives.operands()) {
            if (operand.prefix()) {
                prefixes.add(operand.lexeme());
            }
        }
        // in order, a prefix's longer forms follow it: keep those no kept prefix begins
        List<String> kept = new ArrayList<>();
        for (String prefix : prefixes) {
            if (kept.isEmpty() || !prefix.startsWith(kept.getLast())) {
                kept.add(prefix);
            }
        }
        TreeSet<String> words = new TreeSet<>();
        for (AlternativeWords.Operand operand : alternatives.operands()) {
            if (!operand.prefix() && kept.stream().noneMatch(operand.lexeme()::startsWith)) {
                words.add(operand.lexeme());
            }
        }
        return Optional.of(new TermScores(List.copyOf(words), kept));
    }

    /** Appends a query of the {@code page_id} and {@code score} of the rows the query's lexemes have, each once. */
    void appendRows(SqlText sql) {
        String union = "";
        if (!words.isEmpty()) {
            sql.append("SELECT page_id, score FROM search_term WHERE lexeme = ANY (?)", (Object) words.toArray(String[]::new));
            union = " UNION ALL ";
        }
        for (String prefix : prefixes) {
            sql.append(union + "SELECT page_id, score FROM search_term WHERE lexeme >= ? AND lexeme < ?", prefix,
                    prefix + AFTER_PREFIX);
            union = " UNION ALL ";
        }
    }

    List<String> words() {
        return words;
    }

    List<String> prefixes() {
        return prefixes;
    }
}
