package org.openvault.backend.images;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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

/** {@code /api/v2/images/}: Wagtail's images endpoint — listing, detail and find. */
public final class ImagesService implements HttpService {

    private static final Set<String> LISTING_DEFAULTS = Set.of("id", "type", "detail_url", "tags", "download_url", "title");

    private final ImageRepository images;
    private final ImageStorage storage;
    private final ApiUrls urls;
    private final Shape<Image> shape;

    public ImagesService(ImageRepository images, ImageStorage storage, ApiUrls urls) {
        this.images = images;
        this.storage = storage;
        this.urls = urls;
        this.shape = Shape.<Image>builder()
                .body("id", Image::id)
                .meta("type", i -> ImageLibraryJson.IMAGE_TYPE)
                .meta("detail_url", (i, ctx) -> ImageLibraryJson.detailUrl(ctx.apiBaseUrl(), i.id()))
                .meta("tags", Image::tags)
                .meta("download_url", i -> storage.url(i.file()))
                .body("title", Image::title)
                .body("width", Image::width)
                .body("height", Image::height)
                .build();
    }

    @Override
    public void routing(HttpRules rules) {
        ResourceRoutes.register(rules, this::list, this::find, this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        q.checkWhitelist(ListingParameters.OPERATIONS, ImageQuery.FILTER_NAMES);
        ImageQuery query = ImageQuery.of(q);
        Shape.Selection selection = shape.select(q.fields(), LISTING_DEFAULTS, shape.names());
        RenderContext ctx = urls.context();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("total_count", images.count(query)));
        body.put("items", images.list(query).stream().map(image -> shape.render(image, selection, ctx)).toList());
        ApiJson.send(res, body);
    }

    /** Detail views skip the whitelist but apply the field filters. */
    private void detail(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        ImageQuery query = ImageQuery.of(q);
        Shape.Selection selection = shape.select(q.fields(), shape.names(), shape.names());
        Image image = id(req.path().pathParameters().get("id"))
                .flatMap(id -> images.find(id, query))
                .orElseThrow(() -> ApiException.notFound("No Image matches the given query."));
        ApiJson.send(res, shape.render(image, selection, urls.context()));
    }

    private void find(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        Image image = (q.has("id") ? id(q.get("id").strip()) : Optional.<Integer>empty())
                .flatMap(images::find)
                .orElseThrow(() -> ApiException.notFound("not found"));
        res.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, ImageLibraryJson.detailUrl(urls.context().apiBaseUrl(), image.id()))
                .send();
    }

    private static Optional<Integer> id(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(raw));
    }

}
