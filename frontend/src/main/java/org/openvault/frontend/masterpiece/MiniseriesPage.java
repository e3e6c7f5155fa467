package org.openvault.frontend.masterpiece;

import org.openvault.frontend.content.Miniseries;

/** What a miniseries page shows: the miniseries and the URL of the collection's image. */
public record MiniseriesPage(Miniseries miniseries, String image) {
}
