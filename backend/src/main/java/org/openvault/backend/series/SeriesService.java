package org.openvault.backend.series;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.responsecache.ResponseCache;
import org.openvault.backend.search.CompiledQuery;
import org.openvault.backend.search.QueryParameters;

/**
 * {@code GET /api/v2/series/}: the GBH series titles, searched like pages or listed
 * (no {@code q}: A–Z). Parameters: {@code q}, {@code sort} (relevance, az, za), {@code page},
 * {@code per_page} (5, 10, 20, 50, or {@code all} for the /series page).
 */
public final class SeriesService implements HttpService {

    private static final Set<String> PARAMETERS = Set.of("q", "sort", "page", "per_page", "format");
    private static final String GBH_ORGANISATIONS =
            "+(contributing_organizations: WGBH(MA) OR producing_organizations: WGBH Educational Foundation)";

    private final SeriesRepository repository;
    private final String aapbHost;
    private final ResponseCache cache;

    /**
     * {@code aapbHost}: the American Archive base URL the series links point to, e.g. https://americanarchive.org.
     * Answers are kept with the searches in {@code cache}.
     */
    public SeriesService(SeriesRepository repository, String aapbHost, ResponseCache cache) {
        this.repository = repository;
        this.aapbHost = aapbHost.strip().replaceAll("/+$", "");
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        UriQuery query = req.query();
        QueryParameters.onlyKnown(query, PARAMETERS);
        String q = QueryParameters.single(query, "q").orElse("");
        SeriesRepository.Sort sort = QueryParameters.single(query, "sort").map(SeriesService::sort)
                .orElse(q.isBlank() ? SeriesRepository.Sort.TITLE_ASC : SeriesRepository.Sort.RELEVANCE);
        boolean all = QueryParameters.single(query, "per_page").filter("all"::equals).isPresent();
        SeriesRepository.Search search = new SeriesRepository.Search(q, sort, all ? 1 : QueryParameters.page(query),
                all ? 0 : QueryParameters.perPage(query));
        cache.sendSearch("series " + CompiledQuery.key(search.query()) + " " + search.sort() + " " + search.page() + " "
                + search.perPage(), res, () -> answer(search));
    }

    private Map<String, Object> answer(SeriesRepository.Search search) {
        SeriesRepository.Result result = repository.search(search);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_count", result.total());
        meta.put("page", search.page());
        meta.put("per_page", search.perPage() == 0 ? result.total() : search.perPage());
        meta.put("page_count", search.perPage() == 0 ? (result.total() == 0 ? 0 : 1)
                : (result.total() + search.perPage() - 1) / search.perPage());
        meta.put("sort", search.sort().parameter());
        List<Map<String, Object>> items = new ArrayList<>();
        for (SeriesRepository.Series series : result.series()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", series.id());
            item.put("title", series.title());
            item.put("title_highlighted", series.titleHtml());
            item.put("aapb_url", searchUrl(series.title()));
            item.put("aapb_series_url", seriesUrl(series.title()));
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("items", items);
        return body;
    }

    private static SeriesRepository.Sort sort(String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        return switch (v) {
            case "relevance", "gbh-series" -> SeriesRepository.Sort.RELEVANCE;
            case "az", "gbh-series_seriestitle_asc" -> SeriesRepository.Sort.TITLE_ASC;
            case "za", "gbh-series_seriestitle_desc" -> SeriesRepository.Sort.TITLE_DESC;
            default -> throw ApiException.badRequest("sort must be one of relevance, az, za");
        };
    }

    /** The search tab's link: the series' GBH records on the American Archive. */
    String searchUrl(String title) {
        return aapbHost + "/catalog?f%5Bseries_titles%5D%5B%5D=" + encode(title) + "&q=" + encode(GBH_ORGANISATIONS)
                + "&f%5Baccess_types%5D%5B%5D=all";
    }

    /** The /series page's link. */
    String seriesUrl(String title) {
        return aapbHost + "/catalog?f%5Bseries_titles%5D%5B%5D=" + encode(title) + "&f%5Baccess_types%5D%5B%5D=all";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
