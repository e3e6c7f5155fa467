package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operands of a tsquery that is only alternatives of words ({@code 'peopl':* | 'radio'}: no phrase, AND or NOT),
 * read from PostgreSQL's text of it. Such a query is satisfied by any one of its words, which is what lets
 * {@link BodySnippet} choose a snippet the way ts_headline does.
 */
final class AlternativeWords {

    /** One operand: a lexeme, and whether it matches the lexemes it begins ({@code :*}). */
    record Operand(String lexeme, boolean prefix) {
        boolean matches(String other) {
            return prefix ? other.startsWith(lexeme) : other.equals(lexeme);
        }
    }

    private final List<Operand> operands;
    private final boolean weighted;

    private AlternativeWords(List<Operand> operands, boolean weighted) {
        this.operands = operands;
        this.weighted = weighted;
    }

    /** The operands of {@code tsquery} (PostgreSQL's text of a tsquery), or empty when it is more than alternatives. */
    static Optional<AlternativeWords> of(String tsquery) {
        List<Operand> operands = new ArrayList<>();
        boolean weighted = false;
        int i = 0;
        while (i < tsquery.length()) {
            char c = tsquery.charAt(i);
            if (c == '\'') {
                StringBuilder lexeme = new StringBuilder();
                i = TsVectorText.quoted(tsquery, i, lexeme);
                if (i < 0) {
                    return Optional.empty();
                }
                boolean prefix = false;
                if (i < tsquery.length() && tsquery.charAt(i) == ':') {
                    i++;
                    // a prefix mark and weights; ts_headline ignores weights
                    while (i < tsquery.length() && "*ABCD".indexOf(tsquery.charAt(i)) >= 0) {
                        prefix |= tsquery.charAt(i) == '*';
                        weighted |= tsquery.charAt(i) != '*';
                        i++;
                    }
                }
                operands.add(new Operand(lexeme.toString(), prefix));
            } else if (c == ' ' || c == '|' || c == '(' || c == ')') {
                i++;
            } else {
                return Optional.empty();
            }
        }
        return operands.isEmpty() ? Optional.empty() : Optional.of(new AlternativeWords(operands, weighted));
    }

    /** How many operands match {@code lexeme}: ts_headline counts such a word once per operand. */
    int matches(String lexeme) {
        int n = 0;
        for (Operand operand : operands) {
            if (operand.matches(lexeme)) {
                n++;
            }
        }
        return n;
    }

    List<Operand> operands() {
        return operands;
    }

    /** Whether an operand is limited to some weights ({@code :AB}), which only the ranking heeds. */
    boolean weighted() {
        return weighted;
    }
}
