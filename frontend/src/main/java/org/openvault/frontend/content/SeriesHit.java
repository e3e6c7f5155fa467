package org.openvault.frontend.content;

/** A GBH series title found by a search (highlighted HTML) and its records on the American Archive. */
public record SeriesHit(String titleHtml, String aapbUrl) {
}
