package org.openvault.backend.images;

/** A generated, cached rendition: its file in the media storage and its real size. */
public record Rendition(String file, int width, int height) {
}
