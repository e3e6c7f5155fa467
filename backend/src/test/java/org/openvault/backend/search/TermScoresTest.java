package org.openvault.backend.search;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lexemes of search_term a ranking query reads: disjoint, so that no row counts twice. */
class TermScoresTest {

    @Test
    void wordsAndPrefixesThatAPrefixCoversAreLeftOut() {
        TermScores terms = TermScores.of(AlternativeWords.of(
                "'televis' | 'tele':* | 'telev':* | 'radio' | 'radio' | 'rad':* | 'music' | 'ra':*").orElseThrow()).orElseThrow();
        assertEquals(List.of("music"), terms.words());
        assertEquals(List.of("ra", "tele"), terms.prefixes());
    }

    @Test
    void eachPrefixIsARangeOfTheLexemesItBegins() {
        SqlText sql = new SqlText("");
        TermScores.of(AlternativeWords.of("'peopl' | 'radi':*").orElseThrow()).orElseThrow().appendRows(sql);
        List<Object> params = Arrays.asList(sql.params());
        assertEquals(3, params.size());
        assertEquals(List.of("peopl"), List.of((String[]) params.get(0)));
        String from = (String) params.get(1);
        String upTo = (String) params.get(2);
        assertEquals("radi", from);
        for (String lexeme : List.of("radi", "radio", "radiu\uffff", "radi\uD83D\uDE00")) {
            assertTrue(codePoints(lexeme, from) >= 0 && codePoints(lexeme, upTo) < 0, lexeme);
        }
        for (String lexeme : List.of("rad", "radj", "rb")) {
            assertTrue(codePoints(lexeme, from) < 0 || codePoints(lexeme, upTo) >= 0, lexeme);
        }
    }

    /** The "C" collation's order of UTF-8 bytes is the order of code points. */
    private static int codePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Test
    void weightedOperandsAreLeftToTheTsvectors() {
        assertTrue(TermScores.of(AlternativeWords.of("'radio':A | 'music'").orElseThrow()).isEmpty());
        assertTrue(TermScores.of(AlternativeWords.of("'radio':* | 'music'").orElseThrow()).isPresent());
    }
}
