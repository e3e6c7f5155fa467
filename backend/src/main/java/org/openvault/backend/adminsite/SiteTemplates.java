package org.openvault.backend.adminsite;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Renders the web admin's precompiled jte templates (src/main/jte/admin), HTML-escaped by default. */
public final class SiteTemplates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code admin/<template>} with {@code params} as the whole answer. */
    public void render(ServerResponse res, Status status, String template, Map<String, Object> params) {
        StringOutput output = new StringOutput(8192);
        engine.render("admin/" + template, params, output);
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8")
                .send(output.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A 303 to {@code location}: after a form post the browser follows it with a GET. */
    public static void seeOther(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }
}
