package org.openvault.frontend.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.PageHits;
import org.openvault.frontend.content.SeriesHits;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /search}: rendered on the server from the backend's {@code /api/v2/search/} (Open Vault tab) and
 * {@code /api/v2/series/} (GBH Series tab), the American Archive's own search (its tab, {@link AapbSearch}) and a
 * help tab. A failing search stays an error inside the page.
 */
public record SearchSite(CmsClient cms, Templates templates, AapbSearch aapb) implements HttpService {

    private static final Logger LOG = Logger.getLogger(SearchSite.class.getName());
    private static final List<String> SUGGESTIONS = List.of("Julia Child", "Joyce Chen", "Louis Lyons", "Boston",
            "Civil Rights", "Cooking", "History", "Music", "Radio", "Television", "Vietnam", "WGBH", "Arthur", "NOVA",
            "Frontline", "The Big Dig", "The French Chef");

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::search, "/search", "/search/");
    }

    private void search(ServerRequest req, ServerResponse res) {
        SearchState state = SearchState.from(req.query());
        Freshness freshness = new Freshness();
        SearchResults results;
        Status status = Status.OK_200;
        if (state.q().isEmpty()) {
            List<String> suggestions = new ArrayList<>(SUGGESTIONS);
            Collections.shuffle(suggestions);
            results = SearchResults.suggesting(suggestions.subList(0, 4));
        } else {
            try {
                results = results(freshness, state);
            } catch (BackendUnavailableException e) {
                LOG.warning("Search failed: " + e.getMessage());
                // The American Archive tab does not need the backend: it still shows its own results.
                status = state.tab().equals("aapb") ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503;
                results = SearchResults.failed("Search seems to be broken at the moment. Please try again later.");
            }
        }
        // AAPB is asked only when its tab is open, so it can never slow down or break the other tabs.
        AapbResults aapbResults = state.tab().equals("aapb") && !state.q().isEmpty() && aapb.enabled()
                ? aapb.search(state.q()) : null;
        String name = switch (state.tab()) {
            case "gbh" -> "Search GBH Series";
            case "aapb" -> "Search American Archive";
            case "help" -> "Search Help";
            default -> "Search GBH Open Vault";
        };
        PageMeta meta = new PageMeta(state.q().isEmpty() ? name : state.q() + " | " + name,
                "Search the catalog, scholar exhibits and special collections of GBH Open Vault.",
                "/search", "website", null, !state.q().isEmpty());
        templates.render(req, res, freshness, status, "search.jte", meta,
                new SearchPage(state, results, aapb.enabled(), aapbResults));
    }

    private SearchResults results(Freshness freshness, SearchState state) {
        boolean series = state.tab().equals("gbh");
        PageHits pages = cms.search(freshness, state.q(), state.sort(), state.perPage(), series ? 1 : state.page(),
                state.types(), state.featured());
        SeriesHits seriesHits = cms.searchSeries(freshness, state.q(), state.seriesSort(), series ? state.perPage() : 5,
                series ? state.page() : 1);
        return SearchResults.found(pages, seriesHits);
    }
}
