package org.openvault.backend.masterpiece;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.RenderContext;

/**
 * {@code /api/v2/masterpiece/}: the Alistair Cooke Masterpiece Theatre collection, every season with its
 * miniseries in the API envelope; {@code /api/v2/masterpiece/{key}/} one miniseries (404 when there is none).
 */
public final class MasterpieceService implements HttpService {

    static final String SEASON_TYPE = "masterpiece.Season";
    static final String MINISERIES_TYPE = "masterpiece.Miniseries";
    private static final Pattern KEY = Pattern.compile("[a-z0-9]{1,100}");
    private static final Set<String> OPERATIONS = Set.of("format");

    private final MasterpieceRepository repository;
    private final ApiUrls urls;

    public MasterpieceService(MasterpieceRepository repository, ApiUrls urls) {
        this.repository = repository;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/", this::list)
                .any("/{key}", this::detail)
                .any("/{key}/", this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ListingParameters.of(req.query()).checkWhitelist(OPERATIONS, Set.of());
        RenderContext context = urls.context();
        List<Season> seasons = repository.seasons();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_count", seasons.size());
        meta.put("miniseries_count", seasons.stream().mapToInt(season -> season.miniseries().size()).sum());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("items", seasons.stream().map(season -> json(season, context)).toList());
        ApiJson.send(res, body);
    }

    private void detail(ServerRequest req, ServerResponse res) {
        ListingParameters.of(req.query()).checkWhitelist(OPERATIONS, Set.of());
        String key = req.path().pathParameters().get("key");
        Miniseries miniseries = KEY.matcher(key).matches() ? repository.miniseries(key).orElse(null) : null;
        if (miniseries == null) {
            throw ApiException.notFound("No Miniseries matches the given query.");
        }
        ApiJson.send(res, json(miniseries, urls.context()));
    }

    private static Map<String, Object> json(Season season, RenderContext context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", season.number());
        json.put("meta", Map.of("type", SEASON_TYPE));
        json.put("number", season.number());
        json.put("title", "Season " + season.number());
        json.put("years", season.years());
        json.put("miniseries", season.miniseries().stream().map(m -> json(m, context)).toList());
        return json;
    }

    private static Map<String, Object> json(Miniseries miniseries, RenderContext context) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", MINISERIES_TYPE);
        meta.put("detail_url", context.apiBaseUrl() + "/api/v2/masterpiece/" + miniseries.key() + "/");
        meta.put("html_url", context.siteUrl() + "/miniseries/" + miniseries.key());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", miniseries.key());
        json.put("meta", meta);
        json.put("title", miniseries.title());
        json.put("description", miniseries.description());
        json.put("broadcast_date", miniseries.broadcastDate());
        json.put("season", miniseries.season());
        return json;
    }
}
