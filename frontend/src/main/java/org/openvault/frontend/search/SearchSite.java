package org.openvault.frontend.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.api.ContentReader;
import org.openvault.frontend.content.Image;
import org.openvault.frontend.content.SafeHtml;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /search}: rendered on the server from the backend's {@code /api/v2/search/} (Open Vault tab) and
 * {@code /api/v2/series/} (GBH Series tab), the American Archive's own search (its tab, {@link AapbSearch}) and a
 * help tab. A failing search stays an error inside the page.
 */
public final class SearchSite implements HttpService {

    private static final Logger LOG = Logger.getLogger(SearchSite.class.getName());
    private static final List<String> SUGGESTIONS = List.of("Julia Child", "Joyce Chen", "Louis Lyons", "Boston",
            "Civil Rights", "Cooking", "History", "Music", "Radio", "Television", "Vietnam", "WGBH", "Arthur", "NOVA",
            "Frontline", "The Big Dig", "The French Chef");

    private final BackendApi api;
    private final Templates templates;
    private final AapbSearch aapb;

    public SearchSite(BackendApi api, Templates templates, AapbSearch aapb) {
        this.api = api;
        this.templates = templates;
        this.aapb = aapb;
    }

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::search, "/search", "/search/");
    }

    private void search(ServerRequest req, ServerResponse res) {
        SearchState state = SearchState.from(req.query());
        BackendApi.Reads reads = api.reads();
        SearchResults results;
        Status status = Status.OK_200;
        if (state.q().isEmpty()) {
            List<String> suggestions = new ArrayList<>(SUGGESTIONS);
            Collections.shuffle(suggestions);
            results = new SearchResults(0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), suggestions.subList(0, 4), null);
        } else {
            try {
                results = results(reads, state);
            } catch (BackendUnavailableException e) {
                LOG.warning("Search failed: " + e.getMessage());
                // The American Archive tab does not need the backend: it still shows its own results.
                status = state.tab().equals("aapb") ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503;
                results = new SearchResults(0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), List.of(),
                        "Search seems to be broken at the moment. Please try again later.");
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
        Map<String, Object> params = new HashMap<>(Map.of("state", state, "results", results,
                "aapbEnabled", aapb.enabled()));
        if (aapbResults != null) {
            params.put("aapb", aapbResults);
        }
        templates.render(req, res, reads, status, "search.jte", meta, params);
    }

    private static SearchResults results(BackendApi.Reads reads, SearchState state) {
        boolean series = state.tab().equals("gbh");
        List<String> query = new ArrayList<>(List.of("q", state.q(), "sort", state.sort(),
                "per_page", Integer.toString(state.perPage()), "page", series ? "1" : Integer.toString(state.page())));
        for (String type : state.types()) {
            query.add("type");
            query.add(type);
        }
        if (state.featured()) {
            query.add("featured");
            query.add("true");
        }
        JsonNode found = answer(reads.search("/api/v2/search/", query.toArray(String[]::new)));
        List<SearchResults.Hit> hits = new ArrayList<>();
        for (JsonNode hit : found.path("items")) {
            boolean exhibit = ContentReader.isExhibitType(hit.path("type").asText(""));
            hits.add(new SearchResults.Hit((exhibit ? "/exhibits/" : "/collections/") + hit.path("slug").asText(""),
                    exhibit, SafeHtml.markedText(hit.path("title_highlighted").asText("")),
                    SafeHtml.markedText(hit.path("snippet").asText("")),
                    Image.of(hit.get("hero_thumb"))));
        }
        JsonNode seriesFound = answer(reads.search("/api/v2/series/", "q", state.q(), "sort", state.seriesSort(),
                "per_page", series ? Integer.toString(state.perPage()) : "5",
                "page", series ? Integer.toString(state.page()) : "1"));
        List<SearchResults.SeriesHit> seriesHits = new ArrayList<>();
        for (JsonNode hit : seriesFound.path("items")) {
            seriesHits.add(new SearchResults.SeriesHit(SafeHtml.markedText(hit.path("title_highlighted").asText("")),
                    hit.path("aapb_url").asText("")));
        }
        JsonNode meta = found.path("meta");
        JsonNode typeCounts = meta.at("/facets/type");
        long exhibits = 0;
        long collections = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) typeCounts::fields) {
            if (ContentReader.isExhibitType(entry.getKey())) {
                exhibits += entry.getValue().asLong();
            } else if (ContentReader.isCollectionType(entry.getKey())) {
                collections += entry.getValue().asLong();
            }
        }
        return new SearchResults(meta.path("total_count").asLong(), meta.path("page_count").asInt(),
                exhibits, collections, meta.at("/facets/featured").asLong(), hits,
                seriesFound.at("/meta/total_count").asLong(), seriesFound.at("/meta/page_count").asInt(), seriesHits,
                List.of(), null);
    }

    private static JsonNode answer(BackendApi.Answer answer) {
        if (!answer.ok()) {
            throw new BackendUnavailableException("Search answered " + answer.status());
        }
        return answer.body();
    }
}
