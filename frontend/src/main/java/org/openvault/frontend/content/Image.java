package org.openvault.frontend.content;

import com.fasterxml.jackson.databind.JsonNode;

/** An image rendition from the API: where to load it from ({@code full_url}, else {@code url}) and its alt text. */
public record Image(String src, String url, String alt) {

    /** The rendition object, or null when the node is missing, null or an error object without a URL. */
    public static Image of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String url = node.path("url").asText("");
        String fullUrl = node.path("full_url").asText("");
        String src = fullUrl.isEmpty() ? url : fullUrl;
        if (src.isEmpty()) {
            return null;
        }
        return new Image(src, url.isEmpty() ? src : url, node.path("alt").asText(""));
    }
}
