package org.openvault.frontend.rendering;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.content.Redirect;
import org.openvault.frontend.content.StaticPage;

/**
 * Renders the precompiled jte templates (src/main/jte) into HTML responses with the site's caching headers.
 * When a page was built from stale cached backend answers it says so: {@code X-Cache: STALE}, {@code Age} and a
 * {@code Warning: 110}; built only from recent cached answers {@code X-Cache: HIT}; otherwise {@code X-Cache: MISS}.
 */
public final class Templates {

    /** Public pages may be kept briefly by browsers and shared caches. */
    public static final String PUBLIC_CACHE = "public, max-age=60";
    public static final String NO_STORE = "no-store";
    static final String HTML = "text/html; charset=UTF-8";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Site site;
    private final Compression compression;
    private final RecentPages recentPages;
    private final RenderThreads renderThreads;
    private final String contentSecurityPolicy;

    public Templates(Site site, Compression compression, RecentPages recentPages, RenderThreads renderThreads) {
        this.site = site;
        this.compression = compression;
        this.recentPages = recentPages;
        this.renderThreads = renderThreads;
        this.contentSecurityPolicy = ContentSecurityPolicy.of(site);
    }

    public Site site() {
        return site;
    }

    /**
     * Renders a page template: its parameters are the shell's {@code View view} (built from {@code meta}) and
     * {@code page}, the record of what that page shows. {@code freshness} is null for a page built without the backend.
     */
    public void render(ServerRequest req, ServerResponse res, Freshness freshness, Status status, String template,
                       PageMeta meta, Object page) {
        View view = new View(site, meta, req.path().absolute().path());
        // Rendered and compressed (in the form this request takes) off the carriers: see RenderThreads.
        Compression.Encodings body = renderThreads.run(() -> {
            StringOutput output = new StringOutput(8192);
            engine.render(template, Map.of("view", view, "page", page), output);
            return compression.prepared(req, output.toString().getBytes(StandardCharsets.UTF_8));
        });
        res.status(status).header(HeaderNames.CONTENT_TYPE, HTML)
                .header("Content-Security-Policy", contentSecurityPolicy);
        if (!res.headers().contains(HeaderNames.CACHE_CONTROL)) {
            res.header(HeaderNames.CACHE_CONTROL, status.code() < 500 ? PUBLIC_CACHE : NO_STORE);
        }
        if (freshness != null && freshness.staleSeconds() > 0) {
            res.header("X-Cache", "STALE")
                    .header(HeaderNames.AGE, Long.toString(freshness.staleSeconds()))
                    .header(HeaderNames.WARNING, "110 - \"Response is Stale\"");
        } else if (freshness != null) {
            res.header("X-Cache", freshness.allCached() ? "HIT" : "MISS");
        }
        if (status == Status.OK_200 && freshness != null && freshness.staleSeconds() <= 0) {
            recentPages.keep(req, body, res.headers().first(HeaderNames.CACHE_CONTROL).orElse(PUBLIC_CACHE),
                    contentSecurityPolicy, freshness.unchangedUntilNanos(), freshness.freshUntilNanos());
        }
        compression.send(req, res, body);
    }

    /** An exhibit or collection page; a preview of a draft is marked as such and never indexed. */
    public void detail(ServerRequest req, ServerResponse res, Freshness freshness, DetailPage page, boolean preview) {
        PageMeta meta = PageMeta.of(page.title(), page.description(), page.href())
                .article(page.cover() != null ? page.cover().url() : null);
        if (preview) {
            meta = meta.noindexed();
        }
        render(req, res, freshness, Status.OK_200, "detail.jte", meta, new DetailView(page, preview));
    }

    /** A static page, with a link back to the page above it when {@code back} is given (else null). */
    public void staticPage(ServerRequest req, ServerResponse res, Freshness freshness, StaticPage page,
                           BackLink back) {
        PageMeta meta = PageMeta.of(page.title(), page.description(),
                page.path() != null ? page.path() : req.path().absolute().path());
        render(req, res, freshness, Status.OK_200, "static-page.jte", meta, new StaticPageView(page, back));
    }

    /** Sends a redirect to where an old URL now lives (302, or 301 when the editors marked it permanent). */
    public static void redirect(ServerResponse res, Redirect target) {
        res.status(target.permanent() ? Status.MOVED_PERMANENTLY_301 : Status.FOUND_302)
                .header(HeaderNames.LOCATION, target.location())
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=300")
                .send();
    }

    /** The 404 page inside the site shell. */
    public void notFound(ServerRequest req, ServerResponse res, Freshness freshness, String message) {
        render(req, res, freshness, Status.NOT_FOUND_404, "not-found.jte",
                PageMeta.of("Page not found", "", req.path().absolute().path()).noindexed(), new NotFoundPage(message));
    }

    /** A 4xx page with a message, e.g. a preview link missing its token. */
    public void clientError(ServerRequest req, ServerResponse res, Status status, String message) {
        render(req, res, null, status, "error.jte",
                PageMeta.of(status.code() + " error", "", req.path().absolute().path()).noindexed(),
                new ErrorPage(status.code() + " error", message));
    }

    /** The 503 page when the backend is down and nothing is cached. */
    public void unavailable(ServerRequest req, ServerResponse res) {
        render(req, res, null, Status.SERVICE_UNAVAILABLE_503, "error.jte",
                PageMeta.of("Temporarily unavailable", "", req.path().absolute().path()).noindexed(),
                new ErrorPage("Something went wrong",
                        "Open Vault is having trouble reaching its archive. Please try again in a moment."));
    }

    /** The 500 page for anything unexpected. */
    public void serverError(ServerRequest req, ServerResponse res) {
        render(req, res, null, Status.INTERNAL_SERVER_ERROR_500, "error.jte",
                PageMeta.of("Oh no!", "", req.path().absolute().path()).noindexed(),
                new ErrorPage("Oh no!",
                        "Something went wrong on our side while preparing this page. Please try again later."));
    }
}
