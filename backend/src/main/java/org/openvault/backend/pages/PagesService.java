package org.openvault.backend.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.RenderContext;
import org.openvault.backend.api.ResourceRoutes;
import org.openvault.backend.responsecache.ResponseCache;

/**
 * {@code /api/v2/pages/}: every live page of the site (Home and below), whatever its type, in tree order;
 * {@code ?type=} switches to one type's fields; the detail shows a page with all fields of its concrete type.
 */
public final class PagesService implements HttpService {

    private final PageRepository pages;
    private final PageEndpoint endpoint;
    private final ApiUrls urls;
    private final ResponseCache cache;
    private final Map<String, PageKind<?>> kinds = new HashMap<>();
    private final String slugLookupOrder;

    /**
     * {@code foundByBareSlug}: the types a slug lookup lists before all others. The public site resolves
     * {@code /exhibits/<slug>} and {@code /collections/<slug>} with {@code ?slug=} and takes {@code items[0]} without
     * a type check, while other pages (a credits page, say) may share such a slug under another parent.
     */
    public PagesService(PageRepository pages, ApiUrls urls, ResponseCache cache, List<PageKind<?>> kinds,
                        Set<String> foundByBareSlug) {
        this.slugLookupOrder = "CASE WHEN p.type = ANY (ARRAY['" + String.join("', '", foundByBareSlug)
                + "']) THEN 0 ELSE 1 END, p.id";
        this.cache = cache;
        this.pages = pages;
        this.endpoint = new PageEndpoint(pages);
        this.urls = urls;
        for (PageKind<?> kind : kinds) {
            this.kinds.put(kind.typeName(), kind);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        ResourceRoutes.register(rules, this::list, this::find, this::detail);
    }

    private void list(ServerRequest req, ServerResponse res) {
        RenderContext ctx = urls.context();
        cache.send(req, res, () -> renderListing(req, ctx));
    }

    private Object renderListing(ServerRequest req, RenderContext ctx) {
        ListingParameters q = ListingParameters.of(req.query());
        PageKind<?> kind = GenericPages.KIND;
        String[] types = null;
        if (q.has("type")) {
            List<String> resolved = resolveTypes(q.get("type"));
            if (resolved.size() == 1 && kinds.containsKey(resolved.get(0))) {
                kind = kinds.get(resolved.get(0));
            } else if (!resolved.contains("wagtailcore.Page")) {
                types = resolved.toArray(String[]::new);
            }
        }
        String order = q.has("slug") ? slugLookupOrder : "p.id";
        PageEndpoint.Listing listing = new PageEndpoint.Listing(true, PageShapes.PAGE_LISTING_DEFAULTS, order, types);
        return endpoint.list(kind, listing, q, ctx);
    }

    private void detail(ServerRequest req, ServerResponse res) {
        RenderContext ctx = urls.context();
        cache.send(req, res, () -> renderDetail(req, ctx));
    }

    private Object renderDetail(ServerRequest req, RenderContext ctx) {
        String rawId = req.path().pathParameters().get("id");
        long id = PageEndpoint.parseId(rawId);
        String type = id < 0 ? null : pages.liveTypeInSite(id).orElse(null);
        if (type == null) {
            throw ApiException.notFound("No Page matches the given query.");
        }
        PageKind<?> kind = kinds.getOrDefault(type, GenericPages.KIND);
        ListingParameters q = ListingParameters.of(req.query());
        return endpoint.detail(kind, rawId, true, "Page", q, ctx);
    }

    private void find(ServerRequest req, ServerResponse res) {
        endpoint.find(GenericPages.KIND, true, true, req, res, urls.context());
    }

    /** {@code app.Model[,app.Model]}, the model name case-insensitive; unknown gives "type doesn't exist". */
    private List<String> resolveTypes(String param) {
        List<String> known = new ArrayList<>(pages.knownTypes());
        known.add("wagtailcore.Page");
        known.addAll(kinds.keySet());
        List<String> resolved = new ArrayList<>();
        for (String wanted : param.split(",", -1)) {
            String match = null;
            int dot = wanted.indexOf('.');
            if (dot > 0) {
                for (String type : known) {
                    int d = type.indexOf('.');
                    if (type.substring(0, d).equals(wanted.substring(0, dot))
                            && type.substring(d + 1).toLowerCase(Locale.ROOT).equals(wanted.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                        match = type;
                    }
                }
            }
            if (match == null) {
                throw ApiException.badRequest("type doesn't exist");
            }
            resolved.add(match);
        }
        return resolved;
    }
}
