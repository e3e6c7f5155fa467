package org.openvault.frontend.content;

/** An image rendition: where to load it from ({@code full_url}, else {@code url}), its {@code url} and its alt text. */
public record Image(String src, String url, String alt) {
}
