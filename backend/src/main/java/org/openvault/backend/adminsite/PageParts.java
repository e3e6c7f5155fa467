package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.List;

import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.streamfield.StreamFieldValidator.Stream;

/**
 * The parts of a page's content the edit form edits beyond its simple fields: the StreamField (exhibit body,
 * collection content), the image pickers, and an exhibit's authors, footnotes and other exhibits.
 *
 * @param stream     the StreamField's content name, or null when the type has none
 * @param streamKind its block vocabulary
 */
record PageParts(String stream, Stream streamKind, List<String> images, boolean authors, boolean footnotes,
                 boolean otherExhibits) {

    static final String AUTHORS = "authors";
    static final String FOOTNOTES = "footnotes";
    static final String OTHER_EXHIBITS = "other_exhibits";
    private static final List<String> COVER_AND_HERO = List.of("cover_image_id", "hero_image_id");
    private static final PageParts NONE = new PageParts(null, null, List.of(), false, false, false);

    static PageParts of(String type) {
        return switch (type) {
            case ExhibitPages.TYPE -> new PageParts("body", Stream.EXHIBIT_BODY, COVER_AND_HERO, true, true, true);
            case CollectionPages.TYPE -> new PageParts("content", Stream.COLLECTION_CONTENT, COVER_AND_HERO, false,
                    false, false);
            default -> NONE;
        };
    }

    /** The content fields these parts edit. */
    List<String> names() {
        List<String> names = new ArrayList<>(images);
        if (stream != null) {
            names.add(stream);
        }
        if (authors) {
            names.add(AUTHORS);
        }
        if (footnotes) {
            names.add(FOOTNOTES);
        }
        if (otherExhibits) {
            names.add(OTHER_EXHIBITS);
        }
        return names;
    }

    /** Whether {@code list} is one of the lists an action may change on this page. */
    boolean hasList(String list) {
        return list.equals(stream) || (authors && list.equals(AUTHORS)) || (footnotes && list.equals(FOOTNOTES))
                || (otherExhibits && list.equals(OTHER_EXHIBITS));
    }
}
