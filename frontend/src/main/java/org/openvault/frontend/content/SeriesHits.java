package org.openvault.frontend.content;

import java.util.List;

/** One page of GBH series a search found: how many in all and how many pages of them, and the hits of this page. */
public record SeriesHits(long total, int pageCount, List<SeriesHit> hits) {
}
