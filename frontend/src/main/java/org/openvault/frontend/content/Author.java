package org.openvault.frontend.content;

/** An exhibit author: name, portrait (may be null) and biography (trusted CMS HTML, may be empty). */
public record Author(String name, Image image, String bio) {
}
