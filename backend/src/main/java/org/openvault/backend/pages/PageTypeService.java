package org.openvault.backend.pages;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.RenderContext;
import org.openvault.backend.api.ResourceRoutes;
import org.openvault.backend.responsecache.ResponseCache;

/**
 * The endpoint of one page type ({@code /api/v2/exhibits/}, {@code /api/v2/collections/}): all its live pages,
 * featured first then newest published; {@code type} and {@code site} are accepted and ignored (the site's index
 * pages send neither, other Wagtail API clients may).
 */
public final class PageTypeService implements HttpService {

    private final PageKind<?> kind;
    private final PageEndpoint endpoint;
    private final ApiUrls urls;
    private final String defaultOrder;
    private final ResponseCache cache;

    public PageTypeService(PageKind<?> kind, PageRepository pages, ApiUrls urls, ResponseCache cache) {
        this.cache = cache;
        this.kind = kind;
        // Featured first, then most recently published; never-published pages last, after every dated one.
        this.defaultOrder = kind.ownColumns().get("featured").sql() + " DESC, p.last_published_at DESC NULLS LAST, p.id DESC";
        this.endpoint = new PageEndpoint(pages);
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        ResourceRoutes.register(rules, this::list, this::find, this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        PageEndpoint.Listing listing = new PageEndpoint.Listing(false, kind.listingDefaults(), defaultOrder, null);
        RenderContext ctx = urls.context();
        cache.send(req, res, () -> endpoint.list(kind, listing, q, ctx));
    }

    private void detail(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        String rawId = req.path().pathParameters().get("id");
        RenderContext ctx = urls.context();
        cache.send(req, res, () -> endpoint.detail(kind, rawId, false, kind.modelName(), q, ctx));
    }

    private void find(ServerRequest req, ServerResponse res) {
        endpoint.find(kind, false, false, req, res, urls.context());
    }
}
