package org.openvault.backend.images;

import java.util.List;

/** A row of the image library; {@code focalPoint} is null when the editor set none. */
public record Image(int id, String title, String file, int width, int height, FocalPoint focalPoint,
                    String description, List<String> tags) {

    /** Alt text of renditions: the description, falling back to the title. */
    public String alt() {
        return description == null || description.isBlank() ? title : description;
    }

    public String focalPointKey() {
        return FocalPoint.keyOf(focalPoint);
    }
}
