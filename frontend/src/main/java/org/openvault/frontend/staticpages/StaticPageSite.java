package org.openvault.frontend.staticpages;

import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.Redirect;
import org.openvault.frontend.content.StaticPage;
import org.openvault.frontend.rendering.BackLink;
import org.openvault.frontend.rendering.Templates;

/**
 * Every path no other route takes: a static CMS page at that path (/about, /faq, /credits/…), else an old URL the
 * backend knows (redirect), else the 404 page inside the site.
 */
public record StaticPageSite(CmsClient cms, Templates templates) implements HttpService {

    private static final Logger LOG = Logger.getLogger(StaticPageSite.class.getName());

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::page);
    }

    private void page(ServerRequest req, ServerResponse res) {
        String path = req.path().absolute().path();
        Freshness freshness = new Freshness();
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD) {
            templates.clientError(req, res, Status.METHOD_NOT_ALLOWED_405, "This site only serves pages to read.");
            return;
        }
        if (path.length() > 1 && path.length() < 300) {
            Optional<StaticPage> page = cms.staticPage(freshness, path);
            if (page.isPresent()) {
                Optional<StaticPage> parent = parentPage(freshness, path);
                templates.staticPage(req, res, freshness, page.get(), parent.map(p ->
                        new BackLink(p.path() != null ? p.path() : "", "Back to " + p.title())).orElse(null));
                return;
            }
        }
        Optional<Redirect> moved = Optional.empty();
        try {
            moved = cms.redirect(freshness, path);
        } catch (BackendUnavailableException e) {
            LOG.fine(() -> "No redirect lookup for " + path + ": " + e.getMessage());
        }
        if (moved.isPresent()) {
            Templates.redirect(res, moved.get());
            return;
        }
        templates.notFound(req, res, freshness, "No page found for: " + path);
    }

    /** The static page one level up (/credits for /credits/vietnam), if there is one: sub-pages link back to it. */
    private Optional<StaticPage> parentPage(Freshness freshness, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            return cms.staticPage(freshness, trimmed.substring(0, slash));
        } catch (BackendUnavailableException e) {
            return Optional.empty();
        }
    }
}
