package org.openvault.backend.authors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.RenderContext;
import org.openvault.backend.api.ResourceRoutes;
import org.openvault.backend.api.Shape;

/**
 * {@code /api/v2/authors/}: all authors by id, paginated. There is no filtering, ordering or search: author field
 * names are accepted and ignored, anything else fails the whitelist.
 */
public final class AuthorsService implements HttpService {

    private static final Set<String> FIELDS = Set.of("id", "name", "image", "bio");
    private static final Set<String> LISTING_DEFAULTS = Set.of("id", "detail_url", "name", "image");

    private static final Shape<Author> SHAPE = Shape.<Author>builder()
            .body("id", Author::id)
            .meta("type", a -> "authors.Author")
            .meta("detail_url", (a, ctx) -> ctx.detailUrl("authors", a.id()))
            .body("name", Author::name)
            .body("image", (a, ctx) -> ctx.images().reference(a.imageId(), ctx.apiBaseUrl()))
            .body("bio", Author::bio)
            .build();

    private final AuthorRepository authors;
    private final ApiUrls urls;

    public AuthorsService(AuthorRepository authors, ApiUrls urls) {
        this.authors = authors;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        ResourceRoutes.register(rules, this::list, this::find, this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        q.checkWhitelist(ListingParameters.OPERATIONS, FIELDS);
        int offset = q.offset();
        int limit = q.limit();
        Shape.Selection selection = SHAPE.select(q.fields(), LISTING_DEFAULTS, SHAPE.names());
        RenderContext ctx = urls.context();
        List<Object> items = new ArrayList<>();
        for (Author author : authors.slice(offset, limit)) {
            items.add(SHAPE.render(author, selection, ctx));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("total_count", authors.count()));
        body.put("items", items);
        ApiJson.send(res, body);
    }

    private void detail(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        Author author = find(req.path().pathParameters().get("id"))
                .orElseThrow(() -> ApiException.notFound("No Author matches the given query."));
        Shape.Selection selection = SHAPE.select(q.fields(), SHAPE.names(), SHAPE.names());
        ApiJson.send(res, SHAPE.render(author, selection, urls.context()));
    }

    private void find(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        Author author = (q.has("id") ? find(q.get("id").strip()) : java.util.Optional.<Author>empty())
                .orElseThrow(() -> ApiException.notFound("not found"));
        res.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, urls.context().detailUrl("authors", author.id()))
                .send();
    }

    private java.util.Optional<Author> find(String rawId) {
        if (rawId == null || rawId.isEmpty() || rawId.length() > 18 || !rawId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return java.util.Optional.empty();
        }
        return authors.byId(Long.parseLong(rawId));
    }
}
