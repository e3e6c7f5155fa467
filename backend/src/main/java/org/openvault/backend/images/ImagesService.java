package org.openvault.backend.images;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiErrors;

/** {@code /api/v2/images/}: Wagtail's images endpoint (§3.4.5) — listing, detail and find. */
public final class ImagesService implements HttpService {

    private static final String NOT_FOUND = "No Image matches the given query.";

    private final ImageRepository images;
    private final ImageJson imageJson;
    private final String apiBaseUrl;

    /** {@code apiBaseUrl}: scheme and host that {@code detail_url} starts with (§3.3), e.g. http://localhost:8000. */
    public ImagesService(ImageRepository images, ImageJson imageJson, String apiBaseUrl) {
        this.images = images;
        this.imageJson = imageJson;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/find", this::find)
                .get("/find/", this::find)
                .get("/{id}", this::detail)
                .get("/{id}/", this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, String> query = query(req);
        try {
            ImageQuery parsed = ImageQuery.parse(query, true);
            List<String> fields = ImageFields.select(query.get("fields"), ImageFields.LISTING);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("meta", Map.of("total_count", images.count(parsed)));
            body.put("items", images.list(parsed).stream().map(image -> json(image, fields)).toList());
            send(res, body);
        } catch (ImageQuery.BadQueryException e) {
            ApiErrors.send(res, Status.BAD_REQUEST_400, e.getMessage());
        }
    }

    private void detail(ServerRequest req, ServerResponse res) {
        Optional<Integer> id = id(req.path().pathParameters().get("id"));
        Map<String, String> query = query(req);
        try {
            ImageQuery parsed = ImageQuery.parse(query, false);
            List<String> fields = ImageFields.select(query.get("fields"), ImageFields.ALL);
            Optional<Image> image = id.flatMap(i -> images.find(i, parsed));
            if (image.isEmpty()) {
                ApiErrors.send(res, Status.NOT_FOUND_404, NOT_FOUND);
                return;
            }
            send(res, json(image.get(), fields));
        } catch (ImageQuery.BadQueryException e) {
            ApiErrors.send(res, Status.BAD_REQUEST_400, e.getMessage());
        }
    }

    /** {@code find/?id=5} redirects (302) to the detail URL, passing the other parameters on. */
    private void find(ServerRequest req, ServerResponse res) {
        Map<String, String> query = query(req);
        Optional<Integer> id = id(query.getOrDefault("id", ""));
        if (id.isEmpty() || images.find(id.get()).isEmpty()) {
            ApiErrors.send(res, Status.NOT_FOUND_404, "not found");
            return;
        }
        String rest = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("id"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        res.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, detailUrl(id.get()) + (rest.isEmpty() ? "" : "?" + rest))
                .send();
    }

    private Map<String, Object> json(Image image, List<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = switch (field) {
                case "id" -> image.id();
                case "type" -> "wagtailimages.Image";
                case "detail_url" -> detailUrl(image.id());
                case "tags" -> image.tags();
                case "download_url" -> imageJson.downloadUrl(image);
                case "title" -> image.title();
                case "width" -> image.width();
                case "height" -> image.height();
                default -> throw new IllegalStateException("unhandled field " + field);
            };
            if (ImageFields.META.contains(field)) {
                if (meta.isEmpty() && !json.containsKey("meta")) {
                    json.put("meta", meta);
                }
                meta.put(field, value);
            } else {
                json.put(field, value);
            }
        }
        return json;
    }

    /** The nested image reference authors carry (§3.4.4): {@code {id, meta{type, detail_url, download_url}, title}}. */
    public Map<String, Object> reference(Integer imageId) {
        if (imageId == null) {
            return null;
        }
        return imageJson.image(imageId).map(image -> {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("type", "wagtailimages.Image");
            meta.put("detail_url", detailUrl(image.id()));
            meta.put("download_url", imageJson.downloadUrl(image));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", image.id());
            json.put("meta", meta);
            json.put("title", image.title());
            return json;
        }).orElse(null);
    }

    private String detailUrl(int id) {
        return apiBaseUrl + "/api/v2/images/" + id + "/";
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.send(body);
    }

    private static Map<String, String> query(ServerRequest req) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().first(name).orElse(""));
        }
        return query;
    }

    private static Optional<Integer> id(String text) {
        try {
            int id = Integer.parseInt(text);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
