package org.openvault.backend.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fields parameter grammar with Wagtail's messages. */
class FieldsParameterTest {

    @Test
    void parsesNamesNegationStarUnderscoreAndNesting() {
        assertEquals(List.of(new FieldsParameter.Entry("_", false, null),
                        new FieldsParameter.Entry("authors", false, List.of(new FieldsParameter.Entry("_", false, null),
                                new FieldsParameter.Entry("name", false, null))),
                        new FieldsParameter.Entry("title", false, null)),
                FieldsParameter.parse("_,authors(_,name),title"));
        assertEquals(List.of(new FieldsParameter.Entry("*", false, null), new FieldsParameter.Entry("body", true, null)),
                FieldsParameter.parse("*,-body"));
        assertEquals(List.of(), FieldsParameter.parse(""));
    }

    @Test
    void rejectsWithWagtailsWording() {
        assertMessage("a b", "fields error: unexpected whitespace at position 1");
        assertMessage(",a", "fields error: unexpected char ',' at position 0");
        assertMessage("a)", "fields error: unexpected char ')' at position 1");
        assertMessage("a-b", "fields error: unexpected char '-' at position 1");
        assertMessage("-_", "fields error: '_' cannot be negated");
        assertMessage("*a", "fields error: unexpected char 'a' at position 1");
        assertMessage("-a(b)", "fields error: unexpected char '(' at position 2");
        assertMessage("a(b", "fields error: unexpected end of input (did you miss out a close bracket?)");
        assertMessage("a$", "fields error: unexpected char '$' at position 1");
    }

    private static void assertMessage(String input, String message) {
        ApiException e = assertThrows(ApiException.class, () -> FieldsParameter.parse(input));
        assertEquals(message, e.getMessage());
    }
}
