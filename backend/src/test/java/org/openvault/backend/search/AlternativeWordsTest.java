package org.openvault.backend.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tsqueries are alternatives of words, read from PostgreSQL's text of them. */
class AlternativeWordsTest {

    @Test
    void wordsAndPrefixesInAlternativesAreRead() {
        AlternativeWords words = AlternativeWords.of("'peopl':* | ( 'radio' | 'it''s':*AB ) | 'back\\\\slash'").orElseThrow();
        assertEquals(List.of(new AlternativeWords.Operand("peopl", true), new AlternativeWords.Operand("radio", false),
                new AlternativeWords.Operand("it's", true), new AlternativeWords.Operand("back\\slash", false)),
                words.operands());
        assertEquals(1, words.matches("people".substring(0, 5)));
        assertEquals(1, words.matches("peoples"));
        assertEquals(0, words.matches("radios"));
        assertEquals(2, AlternativeWords.of("'tele':* | 'televis'").orElseThrow().matches("televis"));
    }

    @Test
    void phrasesConjunctionsAndNegationsAreNot() {
        for (String query : List.of("'a' & 'b'", "'a' <-> 'b'", "'a' <2> 'b'", "!'a'", "'a' | !'b'", "", "'open")) {
            assertTrue(AlternativeWords.of(query).isEmpty(), query);
        }
    }
}
