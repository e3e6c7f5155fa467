package org.openvault.backend.api;

import java.util.Map;

/**
 * The one seam through which every image field of the API is written. The images feature provides the real
 * implementation (renditions, storage URLs); {@link #NONE} answers null for every image.
 */
public interface ImageJson {

    /** Writes no image at all: every image field is {@code null}. */
    ImageJson NONE = new ImageJson() {
        @Override
        public Map<String, Object> rendition(Integer imageId, String filterSpec) {
            return null;
        }

        @Override
        public Map<String, Object> reference(Integer imageId, String apiBaseUrl) {
            return null;
        }
    };

    /**
     * The rendition object {@code {url, full_url, width, height, alt}} of image {@code imageId} for a filter spec
     * such as {@code fill-1920x1080}, or null when {@code imageId} is null or names no image.
     */
    Map<String, Object> rendition(Integer imageId, String filterSpec);

    /**
     * The nested image reference of the authors endpoint,
     * {@code {id, meta: {type, detail_url, download_url}, title}}, or null.
     */
    Map<String, Object> reference(Integer imageId, String apiBaseUrl);
}
