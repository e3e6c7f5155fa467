package org.openvault.backend.search;

import java.nio.charset.StandardCharsets;
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
        assertEquals(1, matches(words, "people".substring(0, 5)));
        assertEquals(1, matches(words, "peoples"));
        assertEquals(0, matches(words, "radios"));
        assertEquals(0, matches(words, "radi"));
        assertEquals(2, matches(AlternativeWords.of("'tele':* | 'televis'").orElseThrow(), "televis"));
    }

    @Test
    void lexemesAreComparedAsUtf8BytesWhereTheyLie() {
        AlternativeWords words = AlternativeWords.of("'café':* | 'über'").orElseThrow();
        byte[] lexemes = "xcaféswüberüberx".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, words.matches(lexemes, 1, 7), "café, a prefix of cafés");
        assertEquals(1, words.matches(lexemes, 8, 13), "über");
        assertEquals(0, words.matches(lexemes, 8, 18), "überüber is not über");
        assertEquals(0, words.matches(lexemes, 1, 4), "caf is shorter than café");
    }

    private static int matches(AlternativeWords words, String lexeme) {
        byte[] bytes = lexeme.getBytes(StandardCharsets.UTF_8);
        return words.matches(bytes, 0, bytes.length);
    }

    @Test
    void phrasesConjunctionsAndNegationsAreNot() {
        for (String query : List.of("'a' & 'b'", "'a' <-> 'b'", "'a' <2> 'b'", "!'a'", "'a' | !'b'", "", "'open")) {
            assertTrue(AlternativeWords.of(query).isEmpty(), query);
        }
    }
}
