package org.openvault.backend.search;

import java.nio.charset.StandardCharsets;
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
    }

    private final List<Operand> operands;
    /** Each operand's lexeme in UTF-8, as a binary tsvector holds lexemes. */
    private final byte[][] operandBytes;
    private final boolean weighted;

    private AlternativeWords(List<Operand> operands, boolean weighted) {
        this.operands = operands;
        this.operandBytes = operands.stream().map(o -> o.lexeme().getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
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
                i = quoted(tsquery, i, lexeme);
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

    /**
     * Reads the quoted lexeme that starts at {@code text[start]} (a quote) into {@code lexeme}, as PostgreSQL writes
     * lexemes of tsqueries (quotes and backslashes doubled); answers where it ends, -1 when it does not.
     */
    private static int quoted(String text, int start, StringBuilder lexeme) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '\\') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                lexeme.append(c);
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                lexeme.append(c);
                i++;
            }
        }
        return -1;
    }

    /**
     * How many operands match the lexeme whose UTF-8 bytes are {@code bytes[from, to)}: ts_headline counts such a
     * word once per operand. A lexeme begins with an operand's characters exactly when its bytes begin with the
     * operand's (UTF-8 codes no character as a prefix of another).
     */
    int matches(byte[] bytes, int from, int to) {
        int n = 0;
        for (int i = 0; i < operandBytes.length; i++) {
            byte[] operand = operandBytes[i];
            boolean sameLength = to - from == operand.length;
            if ((sameLength || operands.get(i).prefix()) && begins(bytes, from, to, operand)) {
                n++;
            }
        }
        return n;
    }

    private static boolean begins(byte[] bytes, int from, int to, byte[] with) {
        if (to - from < with.length) {
            return false;
        }
        for (int k = 0; k < with.length; k++) {
            if (bytes[from + k] != with[k]) {
                return false;
            }
        }
        return true;
    }

    List<Operand> operands() {
        return operands;
    }

    /** Whether an operand is limited to some weights ({@code :AB}), which only the ranking heeds. */
    boolean weighted() {
        return weighted;
    }
}
