package org.openvault.frontend.content;

/** A footnote: its number (position in the footnotes list), its anchor (first 6 characters of its uuid), its HTML. */
public record Footnote(int number, String anchor, String html) {
}
