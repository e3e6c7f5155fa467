package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/images}: the image library for editors — upload ({@code multipart/form-data}), list and
 * search, show with where each image is used, change title, alt text and focal point, delete what nothing uses.
 */
public final class ImagesAdminService implements HttpService {

    private final ImageEditing editing;
    private final Authenticator authenticator;
    private final long maxUploadBytes;

    /** {@code maxUploadBytes}: the largest image file accepted (413 beyond). */
    public ImagesAdminService(ImageEditing editing, Authenticator authenticator, long maxUploadBytes) {
        if (maxUploadBytes < 1 || maxUploadBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ov.media.max-upload-bytes must be from 1 to " + Integer.MAX_VALUE);
        }
        this.editing = editing;
        this.authenticator = authenticator;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::list))
                .post("/", authenticator.secured(Permission.EDIT_IMAGES, this::upload))
                .get("/{id}", authenticator.secured(Permission.READ_CONTENT, this::show))
                .patch("/{id}", authenticator.secured(Permission.EDIT_IMAGES, this::update))
                .delete("/{id}", authenticator.secured(Permission.DELETE_CONTENT, this::delete));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        String search = req.query().contains("search") ? req.query().get("search") : null;
        AdminJson.send(res, Status.OK_200, Map.of("items", editing.list(search, paging.limit(), paging.offset()),
                "limit", paging.limit(), "offset", paging.offset()));
    }

    private void upload(Caller caller, ServerRequest req, ServerResponse res) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        OptionalLong length = req.headers().contentLength();
        Map<String, Object> image;
        try (InputStream body = req.content().inputStream();
             UploadForm form = UploadForm.read(type, length, body, maxUploadBytes)) {
            image = editing.upload(caller, form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.LOCATION, "/api/admin/v1/images/" + image.get("id"));
        AdminJson.send(res, Status.CREATED_201, image);
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        AdminJson.send(res, Status.OK_200, editing.get(id(req)));
    }

    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        int id = id(req);
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("title", "description", "focal_point"), violations);
        String title = body.has("title")
                ? JsonFields.text(body, "", "title", null, ImageEditing.MAX_TITLE, true, violations) : null;
        String description = body.has("description")
                ? JsonFields.text(body, "", "description", "", ImageEditing.MAX_DESCRIPTION, false, violations) : null;
        FocalPoint focalPoint = body.hasNonNull("focal_point") ? focalPoint(body.get("focal_point"), violations) : null;
        violations.throwIfAny();
        boolean clear = body.has("focal_point") && body.get("focal_point").isNull();
        ImageEditing.Changes changes = new ImageEditing.Changes(title == null ? null : title.strip(),
                description == null ? null : description.strip(), focalPoint, clear);
        AdminJson.send(res, Status.OK_200, editing.update(caller, id, changes));
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        editing.delete(caller, id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** {@code {x, y, width, height}}: integers, each required, none negative (the image bounds are checked later). */
    private static FocalPoint focalPoint(JsonNode value, Violations violations) {
        String at = "/focal_point";
        if (!value.isObject()) {
            violations.add(at, "not_object", "focal_point must be an object {x, y, width, height} or null");
            return null;
        }
        ObjectNode object = (ObjectNode) value;
        JsonFields.onlyKnown(object, at, Set.of("x", "y", "width", "height"), violations);
        int before = violations.list().size();
        Long[] numbers = new Long[4];
        String[] names = {"x", "y", "width", "height"};
        for (int i = 0; i < names.length; i++) {
            numbers[i] = JsonFields.integer(object, at, names[i], null, 0, Integer.MAX_VALUE, violations);
            if (numbers[i] == null && !object.hasNonNull(names[i])) {
                violations.add(Violations.pointer(at, names[i]), "required", names[i] + " is required");
            }
        }
        if (violations.list().size() > before) {
            return null;
        }
        return new FocalPoint(numbers[0].intValue(), numbers[1].intValue(), numbers[2].intValue(),
                numbers[3].intValue());
    }

    private static int id(ServerRequest req) {
        return AdminParameters.intPathId(req, "id", "image");
    }
}
