package org.openvault.frontend.series;

import java.util.List;
import java.util.Map;

import org.openvault.frontend.content.SeriesTitle;

/** What the GBH series page shows: the filter as typed and the matching titles grouped by letter, A to Z. */
public record SeriesList(String filter, Map<String, List<SeriesTitle>> groups) {
}
