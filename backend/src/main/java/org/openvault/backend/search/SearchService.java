package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ImageJson;
import org.openvault.backend.responsecache.ResponseCache;

/**
 * {@code GET /api/v2/search/}: full-text search over live exhibits and collections.
 * <p>
 * Parameters: {@code q} (the Help tab's syntax; empty = browse everything), {@code type} ({@code exhibit},
 * {@code collection} or the content-type names, old ones too; repeatable or comma-separated; also
 * {@code types[N]}), {@code featured} ({@code true} = featured only), {@code sort} ({@code relevance} (default),
 * {@code newest}, {@code oldest}, {@code az}, {@code za}, or the index names of bookmarked URLs), {@code page}
 * (1-based), {@code per_page} (5, 10 (default), 20, 50). Anything else, or a bad value: 400 {@code {"message"}}.
 * <p>
 * Answer: {@code {"meta": {"total_count", "page", "per_page", "page_count", "sort", "facets": {"type":
 * {"exhibits.ExhibitPage": n, "ov_collections.Collection": n}, "featured": n}}, "items": [{"id", "type", "slug",
 * "url", "title", "title_highlighted", "snippet", "featured", "last_published_at", "hero_thumb"}]}}.
 * {@code title_highlighted} and {@code snippet} are HTML: escaped text with {@code <mark>} around matches.
 * Type counts ignore the type filter and the featured count ignores the featured filter (disjunctive facets).
 * Answers are kept until the content changes, under the search they answer ({@link #key}), so that the same search
 * written another way shares its answer.
 */
public final class SearchService implements HttpService {

    private static final Set<String> PARAMETERS = Set.of("q", "type", "types[]", "featured", "sort", "page",
            "per_page", "format");

    /** A hit's thumbnail: the hero image's 16:9 rendition the search results page shows, 480 by 270 pixels. */
    private static final String HERO_THUMB = "fill-480x270";

    private final PageSearchRepository repository;
    private final ImageJson images;
    private final ResponseCache cache;

    public SearchService(PageSearchRepository repository, ImageJson images, ResponseCache cache) {
        this.repository = repository;
        this.images = images;
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        UriQuery query = req.query();
        QueryParameters.onlyKnown(query, PARAMETERS);
        PageSearchRepository.Search search = new PageSearchRepository.Search(
                QueryParameters.single(query, "q").orElse(""),
                types(query),
                QueryParameters.bool(query, "featured"),
                QueryParameters.single(query, "sort").map(s -> SearchSort.fromParameter(s).orElseThrow(
                        () -> ApiException.badRequest("sort must be one of relevance, newest, oldest, az, za")))
                        .orElse(SearchSort.RELEVANCE),
                QueryParameters.page(query),
                QueryParameters.perPage(query));
        cache.sendSearch(key(search), res, () -> answer(search));
    }

    /** Tells apart any two searches whose answers differ; the order of the types and the query's spelling don't count. */
    static String key(PageSearchRepository.Search search) {
        return "search " + CompiledQuery.key(search.query()) + " " + new TreeSet<>(search.types()) + " "
                + search.featuredOnly() + " " + search.sort() + " " + search.page() + " " + search.perPage();
    }

    private Map<String, Object> answer(PageSearchRepository.Search search) {
        PageSearchRepository.Result result = repository.search(search);

        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("type", result.typeCounts());
        facets.put("featured", result.featuredCount());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_count", result.total());
        meta.put("page", search.page());
        meta.put("per_page", search.perPage());
        meta.put("page_count", (result.total() + search.perPage() - 1) / search.perPage());
        meta.put("sort", search.sort().parameter());
        meta.put("facets", facets);
        List<Map<String, Object>> items = new ArrayList<>();
        for (PageSearchRepository.Hit hit : result.hits()) {
            items.add(item(hit, images.rendition(hit.heroImageId(), HERO_THUMB)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("items", items);
        return body;
    }

    private static Map<String, Object> item(PageSearchRepository.Hit hit, Object thumbnail) {
        boolean exhibit = PageSearchRepository.EXHIBIT.equals(hit.type());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", hit.id());
        item.put("type", hit.type());
        item.put("slug", hit.slug());
        item.put("url", (exhibit ? "/exhibits/" : "/collections/") + hit.slug());
        item.put("title", hit.title());
        item.put("title_highlighted", hit.titleHtml());
        item.put("snippet", hit.snippetHtml());
        item.put("featured", hit.featured());
        item.put("last_published_at", hit.lastPublishedAt());
        item.put("hero_thumb", thumbnail);
        return item;
    }

    /**
     * {@code type=exhibit&type=collection}, {@code type=exhibit,collection}, or the {@code types[0]=…} of bookmarked
     * search URLs.
     */
    private static Set<String> types(UriQuery query) {
        Set<String> types = new LinkedHashSet<>();
        for (String name : query.names()) {
            if (name.equals("type") || name.matches("types\\[\\d*]")) {
                for (String value : query.all(name)) {
                    for (String one : value.split(",")) {
                        if (!one.isBlank()) {
                            types.add(type(one.strip()));
                        }
                    }
                }
            }
        }
        return types;
    }

    private static String type(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "exhibit", "exhibits", "exhibits.exhibitpage", "exhibits.openvaultexhibit" -> PageSearchRepository.EXHIBIT;
            case "collection", "collections", "ov_collections.collection", "ov_collections.openvaultcollection" ->
                    PageSearchRepository.COLLECTION;
            default -> throw ApiException.badRequest("type must be exhibit or collection, got '" + value + "'");
        };
    }
}
