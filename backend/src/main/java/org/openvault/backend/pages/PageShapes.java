package org.openvault.backend.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.RenderContext;
import org.openvault.backend.api.Shape;

/** The JSON fields every page has, in Wagtail's order, and the page listing defaults. */
public final class PageShapes {

    /** Listing fields of the pages endpoint. */
    public static final Set<String> PAGE_LISTING_DEFAULTS =
            Set.of("id", "type", "detail_url", "html_url", "slug", "first_published_at", "title");

    /** Fields the API offers but does not show unless asked ({@code locale}: the site has one language). */
    public static final Set<String> NOT_DEFAULT = Set.of("locale");

    private PageShapes() {
    }

    /** The endpoint serving the details of a page type: specific ones for exhibits and collections. */
    public static String endpointFor(String type) {
        return switch (type) {
            case "exhibits.ExhibitPage" -> "exhibits";
            case "ov_collections.Collection" -> "collections";
            default -> "pages";
        };
    }

    /**
     * id, title and the common meta fields; {@code detail_url} points at {@code endpoint}.
     * Type-specific body fields and meta fields are declared after these by the caller.
     */
    public static <R extends PageContent> Shape.Builder<R> common(String endpoint) {
        return Shape.<R>builder()
                .body("id", r -> r.page().id())
                .body("title", r -> r.page().title())
                .meta("type", r -> r.page().type())
                .meta("detail_url", (r, ctx) -> ctx.detailUrl(endpoint, r.page().id()))
                .meta("html_url", (r, ctx) -> htmlUrl(r.page().sitePath(), ctx))
                .meta("slug", r -> r.page().slug())
                .meta("show_in_menus", r -> r.page().showInMenus())
                .meta("seo_title", r -> r.page().seoTitle())
                .meta("search_description", r -> r.page().searchDescription())
                .meta("first_published_at", r -> r.page().firstPublishedAt())
                .meta("alias_of", (r, ctx) -> ref(r.page().aliasOf(), ctx))
                .meta("parent", (r, ctx) -> ref(r.page().parent(), ctx))
                .meta("locale", r -> "en");
    }

    public static String htmlUrl(String sitePath, RenderContext ctx) {
        return sitePath == null ? null : ctx.siteUrl() + sitePath;
    }

    private static Map<String, Object> ref(PageRef ref, RenderContext ctx) {
        if (ref == null) {
            return null;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", ref.type());
        meta.put("detail_url", ctx.detailUrl(endpointFor(ref.type()), ref.id()));
        meta.put("html_url", htmlUrl(PageRef.sitePath(ref.urlPath(), ref.siteRootPath()), ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", ref.id());
        out.put("meta", meta);
        out.put("title", ref.title());
        return out;
    }
}
