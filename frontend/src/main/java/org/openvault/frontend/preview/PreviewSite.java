package org.openvault.frontend.preview;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /preview?content_type=…&token=…}: an editor's unsaved draft from the backend's {@code page_preview},
 * rendered like the live page, never cached and never indexed. Old and new type names are both accepted.
 */
public record PreviewSite(CmsClient cms, Templates templates) implements HttpService {

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
        Freshness freshness = new Freshness();
        Optional<DetailPage.Draft> draft = cms.preview(freshness, contentType.get(), token.get());
        if (draft.isEmpty()) {
            templates.clientError(req, res, Status.NOT_FOUND_404,
                    "This preview has expired or does not exist. Open the preview again from the editor.");
            return;
        }
        if (draft.get().page() == null) {
            templates.clientError(req, res, Status.NOT_FOUND_404,
                    "Pages of type " + draft.get().type() + " have no preview.");
            return;
        }
        templates.detail(req, res, freshness, draft.get().page(), true);
    }
}
