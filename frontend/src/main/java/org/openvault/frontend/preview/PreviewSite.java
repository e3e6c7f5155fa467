package org.openvault.frontend.preview;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.content.ContentReader;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.pages.PageSite;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /preview?content_type=…&token=…}: an editor's unsaved draft from the backend's {@code page_preview},
 * rendered like the live page, never cached and never indexed. Old and new type names are both accepted.
 */
public final class PreviewSite implements HttpService {

    private final BackendApi api;
    private final ContentReader reader;
    private final Templates templates;

    public PreviewSite(BackendApi api, ContentReader reader, Templates templates) {
        this.api = api;
        this.reader = reader;
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::preview, "/preview", "/preview/");
    }

    private void preview(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, Templates.NO_STORE).header("X-Robots-Tag", "noindex");
        Optional<String> contentType = req.query().first("content_type").asOptional().filter(s -> !s.isBlank());
        Optional<String> token = req.query().first("token").asOptional().filter(s -> !s.isBlank());
        if (contentType.isEmpty() || token.isEmpty()) {
            templates.clientError(req, res, Status.BAD_REQUEST_400,
                    "A preview link needs both content_type and token. Open the preview again from the editor.");
            return;
        }
        // The id in the path is ignored by the backend; the token ("id=42:…") carries it.
        String id = token.get().split(":", 2)[0].replace("id=", "");
        if (!id.matches("\\d{1,9}")) {
            id = "0";
        }
        BackendApi.Reads reads = api.reads();
        BackendApi.Answer answer = reads.getUncached("/api/v2/page_preview/" + id + "/",
                "content_type", contentType.get(), "token", token.get(), "format", "json");
        if (answer.status() >= 400 && answer.status() < 500) {
            templates.clientError(req, res, Status.NOT_FOUND_404,
                    "This preview has expired or does not exist. Open the preview again from the editor.");
            return;
        }
        if (!answer.ok()) {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for a preview");
        }
        JsonNode page = answer.body();
        String type = page.at("/meta/type").asText(contentType.get());
        DetailPage.Kind kind;
        if (ContentReader.isExhibitType(type)) {
            kind = DetailPage.Kind.EXHIBIT;
        } else if (ContentReader.isCollectionType(type)) {
            kind = DetailPage.Kind.COLLECTION;
        } else {
            templates.clientError(req, res, Status.NOT_FOUND_404, "Pages of type " + type + " have no preview.");
            return;
        }
        PageSite.render(req, res, reads, templates, reader.detail(page, kind), true);
    }
}
