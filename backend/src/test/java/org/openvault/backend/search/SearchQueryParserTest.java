package org.openvault.backend.search;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchQueryParserTest {

    private static String match(String q) {
        return match(q, Map.of());
    }

    private static String match(String q, Map<String, List<String>> similar) {
        return SearchQueryParser.parse(q).map(p -> TsQueryText.of(p, similar).match()).orElse("<none>");
    }

    @Test
    void bareWordsAreOredPrefixes() {
        assertEquals("tech:*", match("tech"));
        assertEquals("(julia:* | child:*)", match("Julia Child"));
    }

    @Test
    void plusRequiresAndPipeOrs() {
        assertEquals("(boston:* & busing:*)", match("+Boston +busing"));
        assertEquals("(television:* | radio:*)", match("television | radio"));
        // left to right, a new level where the operator changes (Lucene's SimpleQueryParser)
        assertEquals("((a1:* | b1:*) & c1:*)", match("a1 b1 +c1"));
    }

    @Test
    void minusExcludes() {
        assertEquals("(music:* & !(folk:*))", match("music +-folk"));
        assertEquals("(music:* & !(folk:*))", match("music -folk"));
        assertEquals("!(folk:*)", match("-folk"));
        assertEquals("folk:*", match("--folk"));
    }

    @Test
    void phrasesAndProximity() {
        assertEquals("(julia <-> child)", match("\"Julia Child\""));
        assertEquals("((julia <-> child) | (joyce <-> chen))", match("\"Julia Child\" | \"Joyce Chen\""));
        assertEquals("((vietnam <1> war | vietnam <2> war | vietnam <3> war | vietnam <4> war | war <1> vietnam | war <2> vietnam))",
                match("\"Vietnam war\"~3"));
        assertEquals("((a1 <1> b1 | a1 <2> b1))", match("\"a1 b1\"~1"));
        assertEquals("archive", match("\"Archive\""));
    }

    @Test
    void explicitPrefixAndFuzzy() {
        assertEquals("front:*", match("front*"));
        assertEquals("archive", match("Archive~0"));
        assertEquals("(america | amerika)", match("America~1", Map.of("america", List.of("amerika"))));
        // AUTO: two edits for words longer than five letters
        SearchQuery.Word auto = (SearchQuery.Word) SearchQueryParser.parse("Archive~").orElseThrow();
        assertEquals(2, auto.fuzziness());
        assertEquals(1, ((SearchQuery.Word) SearchQueryParser.parse("radio~").orElseThrow()).fuzziness());
        assertEquals(2, ((SearchQuery.Word) SearchQueryParser.parse("radio~9").orElseThrow()).fuzziness());
    }

    @Test
    void groups() {
        assertEquals("((tech:* | technology:*) & frontline:*)", match("(tech | technology) +Frontline"));
        assertEquals("(((julia <-> child) | (joyce <-> chen)) & radio:*)",
                match("(\"Julia Child\" | \"Joyce Chen\") +radio"));
    }

    @Test
    void rankingKeepsOnlyPositiveTermsAndExactDropsPrefixes() {
        TsQueryText ts = TsQueryText.of(SearchQueryParser.parse("music -folk \"big dig\"").orElseThrow(), Map.of());
        assertEquals("music:* | (big <-> dig)", ts.ranking());
        assertEquals("music | (big <-> dig)", ts.exact());
    }

    @Test
    void malformedInputNeverFails() {
        assertEquals("(julia <-> child)", match("\"julia child"));
        assertEquals("(a1:* | b1:*)", match("((a1 | b1"));
        assertEquals("a1:*", match(")) a1 )"));
        assertEquals("c3po:*", match("c3po~x"));
        assertEquals("(civil <-> rights)", match("civil-rights"));
        assertEquals("<none>", match("+ - | () \"\" ~ * &!:<>"));
        assertEquals("<none>", match(""));
    }

    @Test
    void wordsCannotInjectTsquerySyntax() {
        assertEquals("((a <-> b) | c:* | d:*)", match("a&b c:* d'"));
        assertEquals("(x <-> y)", match("x!y"));
    }

    @Test
    void randomTextAlwaysGivesWordsOnlyTsquery() {
        Random random = new Random(42);
        String alphabet = "ab \"()|+-*~&!:'<>\\19é";
        for (int i = 0; i < 2000; i++) {
            StringBuilder q = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                q.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String ts = match(q.toString());
            assertTrue(ts.equals("<none>") || ts.matches("[\\p{L}\\p{N}:*()|&!<> \\-]+"), q + " -> " + ts);
        }
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "(".repeat(400) + "x" + ")".repeat(400);
        assertEquals("x:*", match(deep).replaceAll("[()]", ""));
    }
}
