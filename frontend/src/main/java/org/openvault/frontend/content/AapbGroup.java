package org.openvault.frontend.content;

import java.util.List;

/**
 * One of the six AAPB record-group blocks: its title (inline HTML), at most two tiles, and the "View … on AAPB"
 * link. Rendered entirely on the server; the record details stay on AAPB, so the page works without AAPB.
 */
public record AapbGroup(String kind, String titleHtml, List<AapbTile> tiles, boolean showTitle,
                        boolean showThumbnail, String moreHref, String moreLabel) {

    /** A readable label of the group type ("Interviews", "Archival footage", …). */
    public String kindLabel() {
        String words = kind.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
