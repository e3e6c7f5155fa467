package org.openvault.frontend.content;

/** A GBH series title and its records on the American Archive. */
public record SeriesTitle(String title, String aapbUrl) {
}
