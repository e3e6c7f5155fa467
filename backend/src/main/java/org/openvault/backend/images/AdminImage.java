package org.openvault.backend.images;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image of the library as editors see it: its row, with file size and upload time. */
public record AdminImage(int id, String title, String description, String file, int width, int height, Long fileSize,
                  FocalPoint focalPoint, String createdAt) {

    /**
     * {@code {id, title, description, width, height, file_size, focal_point, url, created_at}}, plus {@code usage}
     * when it is given (null leaves it out: listings do).
     */
    Map<String, Object> json(ImageStorage storage, List<ImageUsage.Use> usage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("title", title);
        json.put("description", description);
        json.put("width", width);
        json.put("height", height);
        json.put("file_size", fileSize);
        json.put("focal_point", focalPoint == null ? null : Map.of("x", focalPoint.x(), "y", focalPoint.y(),
                "width", focalPoint.width(), "height", focalPoint.height()));
        json.put("url", storage.url(file));
        json.put("created_at", createdAt);
        if (usage != null) {
            json.put("usage", usage.stream().map(ImageUsage.Use::json).toList());
        }
        return json;
    }
}
