package org.openvault.frontend.content;

/**
 * An exhibit or collection found by a search; titleHtml and snippetHtml are escaped HTML with {@code <mark>}
 * highlights, and the thumbnail may be null.
 */
public record SearchHit(String href, boolean exhibit, String titleHtml, String snippetHtml, Image thumbnail) {
}
