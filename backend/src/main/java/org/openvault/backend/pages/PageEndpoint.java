package org.openvault.backend.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.Column;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.RenderContext;
import org.openvault.backend.api.Shape;
import org.openvault.backend.search.ListingSearch;

/**
 * What the page endpoints (pages, exhibits, collections) share: listing with filters, tree filters, order, search,
 * slicing and field selection, checked in Wagtail's order (so a request with two faults names the same one);
 * detail with field filters; find.
 */
public final class PageEndpoint {

    private final PageRepository pages;

    public PageEndpoint(PageRepository pages) {
        this.pages = pages;
    }

    /** How a listing is run: which pages, which defaults, which order without {@code order}. */
    public record Listing(boolean siteOnly, Set<String> defaults, String defaultOrder, String[] types) {
    }

    public <R extends PageContent> Map<String, Object> list(PageKind<R> kind, Listing listing,
                                                             ListingParameters q, RenderContext ctx) {
        Map<String, Column> filterable = filterable(kind);
        q.checkWhitelist(ListingParameters.PAGE_OPERATIONS, filterable.keySet());
        PageRepository.Criteria criteria = baseCriteria(kind, listing.siteOnly(), listing.types());
        int baseConditions = criteria.conditions();
        fieldFilters(q, filterable, criteria);
        treeFilters(q, criteria);
        // Selected by page type alone (and liveness, and the site for some listings, which every match has)
        boolean byTypeAlone = criteria.conditions() == baseConditions;
        List<ListingParameters.OrderKey> order = q.order(filterable.keySet());
        ListingSearch search = search(q, filterable, order);
        if (order == null && search != null) {
            criteria.orderBy(search.order().sql(), search.order().params());
        } else if (order == null) {
            criteria.orderBy(listing.defaultOrder());
        } else if (order.isEmpty()) {
            criteria.orderBy("random()");
        } else {
            List<String> keys = new ArrayList<>();
            for (ListingParameters.OrderKey key : order) {
                keys.add(filterable.get(key.field()).sql() + (key.descending() ? " DESC" : ""));
            }
            keys.add("p.id");
            criteria.orderBy(String.join(", ", keys));
        }
        int offset = q.offset();
        int limit = q.limit();
        if (search != null) {
            ListingSearch.Condition indexCounts = byTypeAlone
                    ? search.counts(kind.typeName() != null ? new String[] {kind.typeName()} : listing.types())
                    : null;
            offset = searchSlice(kind, search, order == null, criteria, indexCounts, offset, limit);
        }
        criteria.slice(offset, limit);
        Set<String> available = kind.shape().namesExcept(kind.detailOnly());
        Shape.Selection selection = kind.shape().select(q.fields(), listing.defaults(), available);
        boolean heavy = needsHeavy(kind, selection);
        Map<String, Object> body = new LinkedHashMap<>();
        if (limit <= ListingInChunks.CHUNK) {
            PageRepository.Found<R> found = pages.find(kind, criteria, heavy);
            List<Object> items = new ArrayList<>(found.items().size());
            for (R item : found.items()) {
                items.add(kind.shape().render(item, selection, ctx));
            }
            body.put("meta", Map.of("total_count", found.totalCount()));
            body.put("items", items);
            return body;
        }
        // A long listing: its order and count now, its pages chunk by chunk while the answer is written.
        PageRepository.Found<Integer> ids = pages.ids(kind, criteria);
        body.put("meta", Map.of("total_count", ids.totalCount()));
        body.put("items", new ListingInChunks<R>(ids.items(),
                chunk -> pages.find(kind, baseCriteria(kind, listing.siteOnly(), null).where("p.id = ANY(?)",
                        (Object) chunk).slice(0, chunk.length).total(0), heavy).items(),
                page -> kind.shape().render(page, selection, ctx)));
        return body;
    }

    /**
     * One page of {@code kind} by id, or a 404 naming the model. {@code asGenericPage} is the pages endpoint's
     * detail: the type's fields without its endpoint-only meta (last_published_at, featured).
     */
    public <R extends PageContent> Map<String, Object> detail(PageKind<R> kind, String rawId, boolean asGenericPage,
                                                               String notFoundModel, ListingParameters q,
                                                               RenderContext ctx) {
        ApiException notFound = ApiException.notFound("No " + notFoundModel + " matches the given query.");
        long id = parseId(rawId);
        if (id < 0) {
            throw notFound;
        }
        Map<String, Column> filterable = filterable(kind);
        PageRepository.Criteria criteria = baseCriteria(kind, asGenericPage, null).where("p.id = ?", (int) id);
        fieldFilters(q, filterable, criteria);
        Set<String> available = asGenericPage ? kind.shape().namesExcept(kind.typedMetaOnly()) : kind.shape().names();
        Set<String> defaults = new HashSet<>(available);
        defaults.removeAll(PageShapes.NOT_DEFAULT);
        Shape.Selection selection = kind.shape().select(q.fields(), defaults, available);
        List<R> found = pages.find(kind, criteria.single(), needsHeavy(kind, selection)).items();
        if (found.isEmpty()) {
            throw notFound;
        }
        return kind.shape().render(found.get(0), selection, ctx);
    }

    /** {@code find/?id=…} (and {@code html_path=} on the pages endpoint): 302 to the detail URL, remaining params kept. */
    public void find(PageKind<?> kind, boolean siteOnly, boolean htmlPath, ServerRequest req, ServerResponse res,
                     RenderContext ctx) {
        ListingParameters q = ListingParameters.of(req.query());
        Integer id = null;
        String endpoint = kind.endpoint();
        if (q.has("id")) {
            long n = parseId(q.get("id").strip());
            if (n >= 0) {
                PageRepository.Criteria criteria = baseCriteria(kind, siteOnly, null).where("p.id = ?", (int) n);
                if (!pages.find(kind, criteria.single(), false).items().isEmpty()) {
                    id = (int) n;
                }
            }
        } else if (htmlPath && q.has("html_path")) {
            id = pages.liveIdAtSitePath(q.get("html_path")).orElse(null);
        }
        if (id == null) {
            throw ApiException.notFound("not found");
        }
        if (kind.typeName() == null) {
            endpoint = "pages";
        }
        StringBuilder location = new StringBuilder(ctx.detailUrl(endpoint, id));
        String sep = "?";
        for (Map.Entry<String, String> p : q.all().entrySet()) {
            if (p.getKey().equals("id") || p.getKey().equals("html_path")) {
                continue;
            }
            location.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = "&";
        }
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, location.toString()).send();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Django's {@code <int:pk>}: digits only; -1 when it cannot name a page. */
    static long parseId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 10 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long id = Long.parseLong(raw);
        return id > Integer.MAX_VALUE ? -1 : id;
    }

    private static Map<String, Column> filterable(PageKind<?> kind) {
        Map<String, Column> all = new LinkedHashMap<>(PageRepository.COMMON_FIELDS);
        all.putAll(kind.ownColumns());
        return all;
    }

    private static PageRepository.Criteria baseCriteria(PageKind<?> kind, boolean siteOnly, String[] types) {
        PageRepository.Criteria criteria = new PageRepository.Criteria();
        if (kind.typeName() != null) {
            criteria.ofType(kind.typeName());
        } else if (types != null) {
            criteria.where("p.type = ANY(?)", (Object) types);
        }
        if (siteOnly) {
            criteria.inSite();
        }
        return criteria;
    }

    private static boolean needsHeavy(PageKind<?> kind, Shape.Selection selection) {
        for (String name : kind.heavyFields()) {
            if (selection.has(name)) {
                return true;
            }
        }
        return false;
    }

    private static void fieldFilters(ListingParameters q, Map<String, Column> filterable, PageRepository.Criteria criteria) {
        for (Map.Entry<String, String> p : q.all().entrySet()) {
            Column column = filterable.get(p.getKey());
            if (column != null) {
                criteria.where(column.condition(p.getKey(), p.getValue()));
            }
        }
    }

    private void treeFilters(ListingParameters q, PageRepository.Criteria criteria) {
        if (q.has("child_of")) {
            String path = referencedPage(q.get("child_of"), "child_of", "parent page doesn't exist");
            criteria.where("p.parent_id = (SELECT id FROM page WHERE url_path = ?)", path);
        }
        if (q.has("ancestor_of")) {
            String raw = q.get("ancestor_of");
            long id = Column.parseIntegerOrMinusOne(raw);
            if (id < 0) {
                throw ApiException.badRequest("ancestor_of must be a positive integer");
            }
            String path = pages.liveUrlPathInSite(id)
                    .orElseThrow(() -> ApiException.badRequest("descendant page doesn't exist"));
            criteria.where("starts_with(?, p.url_path) AND p.url_path <> ?", path, path);
        }
        if (q.has("descendant_of")) {
            if (q.has("child_of")) {
                throw ApiException.badRequest("filtering by descendant_of with child_of is not supported");
            }
            String path = referencedPage(q.get("descendant_of"), "descendant_of", "ancestor page doesn't exist");
            criteria.where("starts_with(p.url_path, ?) AND p.url_path <> ?", path, path);
        }
    }

    /** A page id or {@code root} (the site root, Home) given to a tree filter, as its url_path. */
    private String referencedPage(String raw, String name, String missing) {
        long id = raw.equals("root") ? PageRepository.SITE_ROOT_ID : Column.parseIntegerOrMinusOne(raw);
        if (id < 0) {
            throw ApiException.badRequest(name + " must be a positive integer");
        }
        return pages.liveUrlPathInSite(id).orElseThrow(() -> ApiException.badRequest(missing));
    }

    /**
     * {@code ?search=}: the full-text index (search package); its relevance order applies without {@code order}.
     * As in Wagtail, an empty search finds nothing without further checks; otherwise the operator, then the field
     * filters, then the order keys are checked against the fields a search can filter and order by.
     */
    private static ListingSearch search(ListingParameters q, Map<String, Column> filterable,
                                        List<ListingParameters.OrderKey> order) {
        if (!q.has("search")) {
            return null;
        }
        String text = q.get("search");
        boolean allWords = false;
        if (!text.isEmpty()) {
            allWords = q.searchOperator("or").equals("and");
            List<String> filtered = new ArrayList<>();
            for (String name : q.all().keySet()) {
                if (filterable.containsKey(name)) {
                    filtered.add(name);
                }
            }
            ListingSearch.checkIndexed(filtered, order);
        }
        return ListingSearch.of(text, allWords);
    }

    /**
     * Adds the search condition. In relevance order, when the slice lies within one tier of the ranking (title
     * matches first, then the rest), only that tier is selected and ranked, with the total counted beforehand (by
     * {@code indexCounts} when the index alone can count them, else through the pages); answers the offset within
     * what is selected.
     */
    private int searchSlice(PageKind<?> kind, ListingSearch search, boolean relevance, PageRepository.Criteria criteria,
                            ListingSearch.Condition indexCounts, int offset, int limit) {
        if (!relevance || search.titleTier() == null || limit == 0) {
            criteria.where(search.all().sql(), search.all().params());
            return offset;
        }
        long[] counts;
        if (indexCounts != null) {
            counts = pages.twoCounts(indexCounts.sql(), indexCounts.params());
        } else {
            counts = pages.count(kind, criteria.copy().where(search.all().sql(), search.all().params()),
                    search.titleTier().sql(), search.titleTier().params());
        }
        long titles = counts[1];
        if ((long) offset + limit <= titles) {
            criteria.where(search.titleTier().sql(), search.titleTier().params());
        } else if (offset >= titles) {
            criteria.where(search.restTier().sql(), search.restTier().params());
            offset -= (int) titles;
        } else {
            criteria.where(search.all().sql(), search.all().params());
        }
        criteria.total(counts[0]);
        return offset;
    }
}
