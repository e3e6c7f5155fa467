package org.openvault.backend.pages;

/** A page as the listing endpoints show it. */
public record PageSummary(int id, String type, String slug, String title) {
}
