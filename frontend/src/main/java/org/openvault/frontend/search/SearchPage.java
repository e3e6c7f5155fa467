package org.openvault.frontend.search;

/**
 * What the search page shows: the state from the URL, the Open Vault and GBH Series results, whether the American
 * Archive tab is offered and its results (null unless that tab is open with a query).
 */
public record SearchPage(SearchState state, SearchResults results, boolean aapbEnabled, AapbResults aapb) {
}
