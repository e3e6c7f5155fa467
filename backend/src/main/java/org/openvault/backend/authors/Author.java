package org.openvault.backend.authors;

/** A standalone author record (a Wagtail snippet): name, portrait image id, rich-text bio. */
public record Author(long id, String name, Integer imageId, String bio) {
}
