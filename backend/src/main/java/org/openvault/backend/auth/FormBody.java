package org.openvault.backend.auth;

import java.util.List;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HttpMediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
import org.openvault.backend.admin.AdminJson;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body, read once and kept in the request's context: the
 * CSRF check reads {@code csrf_token} from it and the handler its other fields, but a body can only be read once.
 */
public final class FormBody {

    private static final String KEY = FormBody.class.getName();

    private FormBody() {
    }

    public static boolean isForm(ServerRequest req) {
        return req.headers().contentType().map(HttpMediaType::mediaType)
                .map(type -> type.equals(MediaTypes.APPLICATION_FORM_URLENCODED)).orElse(false);
    }

    /** The form's fields; empty when the body is not a form. */
    public static Parameters of(ServerRequest req) {
        return req.context().get(KEY, Parameters.class).orElseGet(() -> {
            AdminJson.refuseAnnouncedOverLimit(req);
            Parameters form = isForm(req) && req.content().hasEntity()
                    ? req.content().as(Parameters.class) : Parameters.empty("form");
            req.context().register(KEY, form);
            return form;
        });
    }

    /** A field's first value, or "" when absent or sent empty. */
    public static String field(ServerRequest req, String name) {
        Parameters form = of(req);
        // Helidon keeps "name=" as a name without values, where get(name) would throw.
        List<String> values = form.contains(name) ? form.all(name) : List.of();
        return values.isEmpty() ? "" : values.getFirst();
    }
}
