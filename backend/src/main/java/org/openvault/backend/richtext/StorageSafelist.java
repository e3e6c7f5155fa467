package org.openvault.backend.richtext;

import java.util.Set;

import org.jsoup.safety.Safelist;

/**
 * The tags and attribute names of the storage format for one feature set. A safelist can only name attributes,
 * not constrain their values; {@link StorageValues} checks those first.
 */
final class StorageSafelist {

    // Editors' block keys let the editor keep its state across saves; only block-level elements carry them.
    private static final Set<String> KEYED_BLOCKS = Set.of("p", "h2", "h3", "h4", "li", "blockquote");

    private StorageSafelist() {
    }

    static Safelist of(RichText.Features features) {
        Safelist safelist = new Safelist().addTags("p");
        for (String tag : features.tags) {
            safelist.addTags(tag);
        }
        for (String block : KEYED_BLOCKS) {
            if (block.equals("p") || features.tags.contains(block)) {
                safelist.addAttributes(block, "data-block-key");
            }
        }
        if (features.links()) {
            safelist.addTags("a").addAttributes("a", "href", "id", "linktype");
        }
        if (!features.embedTypes.isEmpty()) {
            safelist.addTags("embed").addAttributes("embed", "embedtype", "id", "alt", "format", "url");
        }
        // Layout containers carry only a class: styling comes from the site's stylesheet, never from the text.
        for (String container : new String[] {"div", "span"}) {
            if (features.tags.contains(container)) {
                safelist.addAttributes(container, "class");
            }
        }
        if (features.tags.contains("footnote")) {
            safelist.addAttributes("footnote", "id");
        }
        return safelist;
    }
}
