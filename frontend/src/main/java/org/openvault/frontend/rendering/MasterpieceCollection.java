package org.openvault.frontend.rendering;

import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.Image;

/** The Masterpiece collection as every page names it: its path, title and bundled image (no hot-linked files). */
public final class MasterpieceCollection {

    public static final String PATH = "/collections/masterpiece";
    public static final String TITLE = "Alistair Cooke Masterpiece Theatre Collection";
    public static final String IMAGE = "masterpiece.svg";

    private MasterpieceCollection() {
    }

    /** Its card, first on /collections. */
    public static Card card(Site site) {
        String image = site.assets().url(IMAGE);
        return new Card(PATH, TITLE, new Image(image, image, ""));
    }
}
