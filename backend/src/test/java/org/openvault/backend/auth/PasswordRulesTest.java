package org.openvault.backend.auth;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules for a new editor password and the shipped common-password list. */
class PasswordRulesTest {

    private static final String GOOD = "violet lantern drifts upstream";

    @Test
    void acceptsALongUncommonPassphrase() {
        assertEquals(List.of(), PasswordRules.problems(GOOD, "alice"));
        assertEquals(List.of(), PasswordRules.problems(GOOD, null));
        assertEquals(List.of(), PasswordRules.problems("x".repeat(PasswordRules.MAX_LENGTH - 12) + "correct pony", "al"));
    }

    @Test
    void tooShortCountsCharactersNotUtf16Units() {
        assertEquals(List.of("too_short"), codes("violet lant", "alice")); // 11
        assertEquals(List.of(), codes("violet lante", "alice")); // 12
        String palette = "\uD83C\uDFA8"; // one character, two UTF-16 units
        assertEquals(List.of("too_short"), codes(palette.repeat(11), "alice"));
        assertEquals(List.of(), codes(palette.repeat(12), "alice"));
        assertEquals(List.of("too_short"), codes("", "alice"));
        assertEquals(List.of("too_short"), codes(null, "alice"));
    }

    @Test
    void tooLongBoundsTheHashingInput() {
        assertEquals(List.of(), codes("a".repeat(PasswordRules.MAX_LENGTH - GOOD.length()) + GOOD, null));
        assertEquals(List.of("too_long"), codes("a".repeat(PasswordRules.MAX_LENGTH + 1 - GOOD.length()) + GOOD, null));
    }

    @Test
    void allDigits() {
        assertEquals(List.of("all_digits"), codes("830274619502", "alice"));
        assertEquals(List.of("too_short", "all_digits"), codes("83027", "alice"));
        assertEquals(List.of(), codes("830274619502x", "alice"));
    }

    @Test
    void tooCommonWholeOrWithDigitsAndPunctuationAppended() {
        assertEquals(List.of("too_common"), codes("1qaz2wsx3edc", "alice"));
        assertEquals(List.of("too_common"), codes("QWERTY123456", "alice"));
        assertEquals(List.of("too_common"), codes("Password1234!", "alice"));
        assertEquals(List.of("too_common"), codes("MONKEY2024!!??", "alice"));
        assertEquals(List.of("too_common"), codes("sunshine 1987 :)", "alice"));
        assertEquals(List.of("too_common"), codes("love1234567890", "alice"));
        // Only the end is stripped, and only digits and punctuation.
        assertEquals(List.of(), codes("2024!!password is long", "alice"));
        assertEquals(List.of(), codes("passwordpassword", "alice"));
    }

    @Test
    void sameAsOrContainingTheUsername() {
        assertEquals(List.of("same_as_username"), codes("Kingfisher-Editor-7", "kingfisher-editor-7"));
        assertEquals(List.of("same_as_username"), codes("violet ALICE drifts", "alice"));
        assertEquals(List.of("same_as_username"), codes("violet alice drifts", " Alice "));
        assertEquals(List.of(), codes("violet al drifts up", "al")); // too short a username to mean anything
        assertEquals(List.of(), codes("violet drifts upstream", ""));
    }

    @Test
    void reportsEveryProblemAtOnceWithASentence() {
        List<PasswordRules.Problem> problems = PasswordRules.problems("1234", "1234");
        assertEquals(List.of("too_short", "all_digits", "too_common", "same_as_username"),
                problems.stream().map(PasswordRules.Problem::code).toList());
        for (PasswordRules.Problem problem : problems) {
            assertFalse(problem.detail().isBlank(), problem.code());
        }
    }

    @Test
    void shipsAtLeastTenThousandLowerCaseCommonPasswords() {
        Set<String> common = PasswordRules.commonPasswords();
        assertTrue(common.size() >= 10_000, "size " + common.size());
        assertTrue(common.containsAll(List.of("123456", "password", "qwerty", "dragon", "1qaz2wsx3edc")));
        for (String word : common) {
            assertEquals(word.strip().toLowerCase(java.util.Locale.ROOT), word);
            assertFalse(word.isEmpty() || word.startsWith("#"), word);
        }
    }

    private static List<String> codes(String password, String username) {
        return PasswordRules.problems(password, username).stream().map(PasswordRules.Problem::code).toList();
    }
}
