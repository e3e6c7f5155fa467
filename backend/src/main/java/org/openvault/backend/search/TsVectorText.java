package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;

/** A tsvector read from PostgreSQL's text of it: {@code 'lexeme':1A,5C 'other':3}. */
final class TsVectorText {

    /** A lexeme with its positions and the weight of each ('A' to 'D'). */
    record Lexeme(String lexeme, int[] positions, char[] weights) {
    }

    private TsVectorText() {
    }

    /**
     * Reads the quoted lexeme that starts at {@code text[start]} (a quote) into {@code lexeme}, as PostgreSQL writes
     * lexemes of tsvectors and tsqueries (quotes and backslashes doubled); answers where it ends, -1 when it does not.
     */
    static int quoted(String text, int start, StringBuilder lexeme) {
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

    static List<Lexeme> parse(String text) {
        List<Lexeme> lexemes = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            if (text.charAt(i) != '\'') {
                throw new IllegalArgumentException("not a tsvector at " + i + ": " + text);
            }
            StringBuilder lexeme = new StringBuilder();
            i = quoted(text, i, lexeme);
            if (i < 0) {
                throw new IllegalArgumentException("unterminated lexeme: " + text);
            }
            List<int[]> positions = new ArrayList<>();
            if (i < n && text.charAt(i) == ':') {
                i++;
                while (true) {
                    int position = 0;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        position = position * 10 + (text.charAt(i) - '0');
                        i++;
                    }
                    char weight = 'D';
                    if (i < n && text.charAt(i) >= 'A' && text.charAt(i) <= 'D') {
                        weight = text.charAt(i);
                        i++;
                    }
                    positions.add(new int[] {position, weight});
                    if (i < n && text.charAt(i) == ',') {
                        i++;
                    } else {
                        break;
                    }
                }
            }
            int[] at = new int[positions.size()];
            char[] weights = new char[positions.size()];
            for (int k = 0; k < at.length; k++) {
                at[k] = positions.get(k)[0];
                weights[k] = (char) positions.get(k)[1];
            }
            lexemes.add(new Lexeme(lexeme.toString(), at, weights));
        }
        return lexemes;
    }
}
