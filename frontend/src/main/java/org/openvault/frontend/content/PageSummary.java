package org.openvault.frontend.content;

/**
 * An exhibit or collection as a listing names it: its slug, title, cover and hero images (either may be null) and
 * when it was last published (null when the backend did not say).
 */
public record PageSummary(DetailPage.Kind kind, String slug, String title, Image cover, Image hero,
                          String lastPublished) {

    public String href() {
        return "/" + kind.section() + "/" + slug;
    }

    /** Its tile on the home and index pages. */
    public Card card() {
        return new Card(href(), Card.cardTitle(title), cover);
    }
}
