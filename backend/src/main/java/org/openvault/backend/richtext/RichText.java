package org.openvault.backend.richtext;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;

/**
 * Rich text as editors save it, reduced to the storage format the public API returns unchanged and the frontend
 * inserts as HTML: only the tags and attributes of the field's feature set survive, links and embeds only with
 * values the storage format defines. Tags that are not allowed are unwrapped (their text kept); the content of
 * {@code script}, {@code style} and other raw-text elements is dropped.
 */
public final class RichText {

    /** The tags and link/embed kinds a rich-text field or block offers its editors. */
    public enum Features {
        /** Wagtail's default set: h2–h4, bold, italic, lists, hr, page/external/document links, image and media embeds. */
        DEFAULT(List.of("br", "h2", "h3", "h4", "b", "i", "ol", "ul", "li", "hr"), List.of("page", "document"),
                List.of("image", "media")),
        /** Exhibit body text: the default set without documents and media, plus blockquote and footnote references. */
        EXHIBIT_TEXT(List.of("br", "h2", "h3", "h4", "b", "i", "ol", "ul", "li", "hr", "blockquote", "footnote"),
                List.of("page"), List.of("image")),
        /** Headings, subheadings and AAPB group titles: paragraphs and italics only. */
        ITALIC_ONLY(List.of("i"), List.of(), List.of()),
        /** Footnote text: bold, italic and links. */
        FOOTNOTE(List.of("br", "b", "i"), List.of("page"), List.of()),
        /**
         * Static pages (about, credits…): the default set plus blockquote and {@code div}/{@code span} with a
         * {@code class}, which the site's stylesheet uses to lay out credits lists.
         */
        STATIC_PAGE(List.of("br", "h2", "h3", "h4", "b", "i", "ol", "ul", "li", "hr", "blockquote", "div", "span"),
                List.of("page", "document"), List.of("image", "media"));

        /** Allowed tags besides {@code p} (every set has paragraphs), {@code a} and {@code embed}. */
        final List<String> tags;
        final List<String> linkTypes;
        final List<String> embedTypes;

        Features(List<String> tags, List<String> linkTypes, List<String> embedTypes) {
            this.tags = tags;
            this.linkTypes = linkTypes;
            this.embedTypes = embedTypes;
        }

        boolean links() {
            return !linkTypes.isEmpty();
        }
    }

    // Safelists are read-only once built, so one cleaner per feature set serves every thread.
    private static final Map<Features, Cleaner> CLEANERS = new EnumMap<>(Features.class);

    static {
        for (Features features : Features.values()) {
            CLEANERS.put(features, new Cleaner(StorageSafelist.of(features)));
        }
    }

    private RichText() {
    }

    /** The storage-format HTML to store for what an editor sent; compact (no pretty-printing). */
    public static String sanitise(String html, Features features) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(html);
        renameSynonyms(dirty);
        StorageValues.enforce(dirty.body(), features);
        Document clean = CLEANERS.get(features).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** The length of the text a reader sees (tags removed, entities decoded, whitespace collapsed). */
    public static int textLength(String html) {
        if (html == null || html.isEmpty()) {
            return 0;
        }
        return Jsoup.parseBodyFragment(html).body().text().length();
    }

    // Pasted HTML often says strong/em where the storage format says b/i; keep the formatting, not just the text.
    private static void renameSynonyms(Document dirty) {
        for (Element strong : dirty.body().select("strong")) {
            strong.tagName("b");
        }
        for (Element em : dirty.body().select("em")) {
            em.tagName("i");
        }
    }
}
