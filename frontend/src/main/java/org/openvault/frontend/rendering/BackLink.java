package org.openvault.frontend.rendering;

/** A link from a page back to the page above it, e.g. "Back to Masterpiece Collection". */
public record BackLink(String href, String label) {
}
