package org.openvault.backend.search;

/**
 * Turns ts_headline output into safe HTML: everything HTML-escaped, then the match markers U+E000/U+E001
 * become {@code <mark>}/{@code </mark>} and U+E002/U+E003 (how the database hands over '<' and '>') are
 * escaped like the characters they stand for.
 */
public final class Highlight {

    static final String START = "\uE000";
    static final String STOP = "\uE001";
    /** ts_headline options for a whole title. */
    public static final String TITLE_OPTIONS = "HighlightAll=true, StartSel=" + START + ", StopSel=" + STOP;
    /** A body snippet's longest and shortest length in words (Searchkit showed about 40 words). */
    static final int SNIPPET_MAX_WORDS = 40;
    static final int SNIPPET_MIN_WORDS = 15;
    /** Words of at most this many bytes make a poor end of a snippet. */
    static final int SNIPPET_SHORT_WORD = 2;
    /** ts_headline options for a body snippet ({@link BodySnippet} selects words the same way). */
    static final String SNIPPET_OPTIONS = "MaxWords=" + SNIPPET_MAX_WORDS + ", MinWords=" + SNIPPET_MIN_WORDS
            + ", ShortWord=" + SNIPPET_SHORT_WORD + ", MaxFragments=0, StartSel=" + START + ", StopSel=" + STOP;

    private Highlight() {
    }

    public static String html(String headline) {
        if (headline == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(headline.length() + 16);
        boolean open = false;
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case '\uE000' -> {
                    if (!open) {
                        out.append("<mark>");
                        open = true;
                    }
                }
                case '\uE001' -> {
                    if (open) {
                        out.append("</mark>");
                        open = false;
                    }
                }
                case '\uE002', '<' -> out.append("&lt;");
                case '\uE003', '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        if (open) {
            out.append("</mark>");
        }
        return out.toString();
    }

    /**
     * The first words of a text, escaped: the snippet when there is nothing to highlight. Reads only as far as the
     * words it keeps (a browse page makes fifty of these from bodies of thousands of characters).
     */
    public static String opening(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder words = new StringBuilder(Math.min(text.length(), 512));
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uE000' && c <= '\uE003') {
                continue;
            }
            if (Character.isWhitespace(c)) {
                inWord = false;
                continue;
            }
            if (!inWord) {
                if (count == SNIPPET_MAX_WORDS) {
                    return html(words.toString()) + " …";
                }
                if (count > 0) {
                    words.append(' ');
                }
                count++;
                inWord = true;
            }
            words.append(c);
        }
        return html(words.toString());
    }
}
