package org.openvault.backend.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The snippet of a browsed hit: the body's first words, escaped, marked as cut when there are more. */
class HighlightTest {

    @Test
    void openingKeepsTheFirstWordsAndSaysWhenItCuts() {
        String fortyOne = "w ".repeat(40) + "last";
        assertEquals(("w ".repeat(40)).strip() + " …", Highlight.opening(fortyOne));
        assertEquals(("w ".repeat(40)).strip(), Highlight.opening("w ".repeat(40)));
    }

    @Test
    void openingJoinsWordsByOneSpaceAndEscapes() {
        assertEquals("Tom &amp; Jerry &lt;b&gt; &quot;x&quot;", Highlight.opening("  Tom\n\t&  Jerry\u2003<b>\r\n\"x\"  "));
        assertEquals("", Highlight.opening(" \n "));
        assertEquals("", Highlight.opening(null));
    }

    @Test
    void openingDropsTheDatabasesMarkers() {
        assertEquals("abcd e", Highlight.opening("ab\uE000cd\uE001 \uE002 e\uE003"));
    }
}
