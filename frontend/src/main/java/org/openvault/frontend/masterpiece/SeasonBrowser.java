package org.openvault.frontend.masterpiece;

import java.util.List;

import org.openvault.frontend.content.Season;

/**
 * What the Masterpiece collection page shows: its title and cleaned introduction HTML, the filter as typed, the seasons
 * matching it and whether that is every season (so the browser may filter further as the visitor types).
 */
public record SeasonBrowser(String title, String introHtml, String filter, List<Season> seasons, boolean complete) {
}
