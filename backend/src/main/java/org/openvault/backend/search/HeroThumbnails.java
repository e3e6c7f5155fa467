package org.openvault.backend.search;

import java.util.Collection;
import java.util.Map;

/**
 * The seam to the images feature: the image JSON of hero thumbnails (the original's fill-480x270 rendition)
 * by image id. Missing ids answer null in the hit. Wire the images feature's renditions in Main once it lands.
 */
@FunctionalInterface
public interface HeroThumbnails {

    /** The JSON-ready thumbnail of each image id that has one. */
    Map<Integer, Object> thumbnails(Collection<Integer> imageIds);

    /** No images feature yet: every hit's hero_thumb is null. */
    static HeroThumbnails none() {
        return ids -> Map.of();
    }
}
