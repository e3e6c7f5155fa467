package org.openvault.frontend.rendering;

import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Renders the precompiled jte templates (src/main/jte) into HTML responses. */
public final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public void render(ServerResponse res, Status status, String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .send(output.toString());
    }

    public void notFound(ServerResponse res, String message) {
        render(res, Status.NOT_FOUND_404, "not-found.jte", Map.of("message", message));
    }

    public void unavailable(ServerResponse res) {
        render(res, Status.SERVICE_UNAVAILABLE_503, "error.jte",
                Map.of("message", "Open Vault is having trouble reaching its archive. Please try again in a moment."));
    }
}
