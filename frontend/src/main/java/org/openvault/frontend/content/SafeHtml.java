package org.openvault.frontend.content;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.openvault.frontend.caching.LeastRecentlyUsed;

/**
 * HTML from the CMS made safe to write into a page, whatever is in the database: the backend cleans rich text when
 * editors save it, but rows written any other way (imports, SQL, an older backend) reach the site unchecked. Tags and
 * attributes outside the safelist are dropped (their text kept), so are {@code script} and {@code style} with their
 * content, event handlers and links whose scheme is not http, https or mailto.
 */
public final class SafeHtml {

    // Resolves relative links for the scheme check only; they are written out as they came.
    private static final String BASE = "https://site.invalid/";

    /**
     * The rich-text storage format of every field: paragraphs, h2–h4, bold, italic, lists, rules, quotes, links
     * (external by href, internal by linktype and id), footnote markers and class-only layout containers.
     */
    private static final Cleaner RICH_TEXT = new Cleaner(richText());

    /** Search highlights: escaped text with {@code <mark>} around matches. */
    private static final Cleaner MARKED_TEXT = new Cleaner(new Safelist().addTags("mark"));

    /** Administrators' html blocks: common formatting, tables and images, and iframes (checked for their origin). */
    private static final Cleaner HTML_BLOCK = new Cleaner(htmlBlock());

    // Pages show the same stored HTML over and over: cleaning costs about 0.1 ms per 1,000 characters, a look-up here
    // a small fraction of that. Bytes of input and output, least recently used dropped first.
    private static final LeastRecentlyUsed<Input, String> CLEANED = new LeastRecentlyUsed<>(2L << 20,
            (input, clean) -> 2L * (input.html().length() + clean.length()) + 96);

    private SafeHtml() {
    }

    public static String richText(String html) {
        return remembered(html, RICH_TEXT, "");
    }

    public static String markedText(String html) {
        return clean(html, MARKED_TEXT, "");
    }

    /** An html block; an iframe stays only when its address is on {@code frameOrigin} (the AAPB player's). */
    public static String htmlBlock(String html, String frameOrigin) {
        return remembered(html, HTML_BLOCK, frameOrigin);
    }

    private static String remembered(String html, Cleaner cleaner, String frameOrigin) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Input input = new Input(html, cleaner, frameOrigin);
        String known;
        synchronized (CLEANED) {
            known = CLEANED.get(input);
        }
        if (known != null) {
            return known;
        }
        String clean = clean(html, cleaner, frameOrigin);
        synchronized (CLEANED) {
            CLEANED.put(input, clean);
        }
        return clean;
    }

    private static String clean(String html, Cleaner cleaner, String frameOrigin) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document clean = cleaner.clean(Jsoup.parseBodyFragment(html, BASE));
        for (Element frame : clean.body().select("iframe")) {
            if (frameOrigin.isEmpty() || !frame.attr("src").startsWith(frameOrigin + "/")) {
                frame.remove();
            }
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    private static Safelist richText() {
        Safelist safelist = new Safelist()
                .addTags("p", "br", "h2", "h3", "h4", "b", "i", "ol", "ul", "li", "hr", "blockquote", "div", "span",
                        "a", "footnote")
                .addAttributes("a", "href", "id", "linktype")
                .addAttributes("footnote", "id")
                .addAttributes("div", "class")
                .addAttributes("span", "class")
                .addAttributes("ul", "class")
                .addProtocols("a", "href", "http", "https", "mailto", "#")
                .preserveRelativeLinks(true);
        for (String block : new String[] {"p", "h2", "h3", "h4", "li", "blockquote"}) {
            safelist.addAttributes(block, "data-block-key");
        }
        return safelist;
    }

    private static Safelist htmlBlock() {
        return Safelist.relaxed()
                .addTags("iframe", "figure", "figcaption", "hr", "section")
                .addAttributes(":all", "class", "id", "title")
                .addAttributes("iframe", "src", "width", "height", "allow", "allowfullscreen", "loading")
                .addProtocols("a", "href", "#")
                .preserveRelativeLinks(true);
    }

    private record Input(String html, Cleaner cleaner, String frameOrigin) {
    }
}
