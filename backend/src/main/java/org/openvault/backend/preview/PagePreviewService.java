package org.openvault.backend.preview;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.ApiUrls;
import org.openvault.backend.api.ListingParameters;
import org.openvault.backend.api.Shape;
import org.openvault.backend.collections.CollectionPage;
import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.exhibits.ExhibitPage;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.pages.HomePage;
import org.openvault.backend.pages.HomePages;
import org.openvault.backend.pages.PageContent;
import org.openvault.backend.pages.PageKind;
import org.openvault.backend.pages.PageRef;
import org.openvault.backend.pages.PageRow;
import org.openvault.backend.pages.PageShapes;

/**
 * {@code GET /api/v2/page_preview/<id>/?content_type=…&token=…}: an editor's draft in the pages-detail shape of its
 * type. The id in the path is ignored: the site puts the token's subject there ({@code token.split(':')[0]}), which
 * need not be a page id. The token's signature and age are checked, and a missing, forged or expired token or an
 * unknown type is a 4xx JSON error, never a 500.
 * Both content-type spellings work ({@code exhibits.exhibitpage} and {@code exhibits.ExhibitPage}).
 */
public final class PagePreviewService implements HttpService {

    private static final List<PageKind<?>> KINDS = List.of(ExhibitPages.KIND, CollectionPages.KIND, HomePages.KIND);

    /** The page types a preview can show ({@code exhibits.ExhibitPage}…). */
    public static List<String> typeNames() {
        return KINDS.stream().map(PageKind::typeName).toList();
    }

    private final PreviewRepository previews;
    private final PreviewTokens tokens;
    private final ApiUrls urls;

    public PagePreviewService(PreviewRepository previews, PreviewTokens tokens, ApiUrls urls) {
        this.previews = previews;
        this.tokens = tokens;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/", this::preview)
                .any("/{id}", this::preview)
                .any("/{id}/", this::preview);
    }

    private void preview(ServerRequest req, ServerResponse res) {
        ListingParameters q = ListingParameters.of(req.query());
        String contentType = q.get("content_type");
        String token = q.get("token");
        if (contentType == null || contentType.isBlank() || token == null || token.isBlank()) {
            throw ApiException.badRequest("content_type and token are required");
        }
        PageKind<?> kind = KINDS.stream()
                .filter(k -> k.typeName().toLowerCase(Locale.ROOT).equals(contentType.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("content_type doesn't exist"));
        try {
            tokens.verify(token);
        } catch (PreviewTokens.RefusedException e) {
            throw new ApiException(Status.FORBIDDEN_403, e.problem() == PreviewTokens.Problem.EXPIRED
                    ? "preview token has expired" : "preview token is invalid");
        }
        PreviewRepository.Preview preview = previews.find(kind.typeName(), token)
                .orElseThrow(() -> ApiException.notFound("preview not found"));
        ApiJson.send(res, render(kind, preview.content(), q, req));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Object> render(PageKind<?> kind, JsonNode json, ListingParameters q, ServerRequest req) {
        PageContent page = read(kind, json);
        Shape shape = kind.shape();
        Set<String> available = shape.namesExcept(kind.typedMetaOnly());
        Set<String> defaults = new HashSet<>(available);
        defaults.removeAll(PageShapes.NOT_DEFAULT);
        Shape.Selection selection = shape.select(q.fields(), defaults, available);
        return shape.render(page, selection, urls.context());
    }

    private PageContent read(PageKind<?> kind, JsonNode json) {
        String siteRoot = previews.siteRootPath();
        Integer parentId = json.hasNonNull("parent_id") ? json.get("parent_id").asInt() : null;
        PageRef parentRef = previews.page(parentId, siteRoot).orElse(null);
        String slug = text(json, "slug", "");
        String urlPath = parentRef == null ? null : parentRef.urlPath() + slug + "/";
        PageRef visibleParent = parentRef == null || parentRef.siteRootPath() == null ? null : parentRef;
        PageRow page = new PageRow(json.path("id").asInt(0), kind.typeName(), slug, text(json, "title", ""), urlPath,
                siteRoot, json.path("show_in_menus").asBoolean(false), text(json, "seo_title", ""),
                text(json, "search_description", ""), text(json, "first_published_at", null),
                text(json, "last_published_at", null), visibleParent, null);
        Integer cover = json.hasNonNull("cover_image_id") ? json.get("cover_image_id").asInt() : null;
        Integer hero = json.hasNonNull("hero_image_id") ? json.get("hero_image_id").asInt() : null;
        boolean featured = json.path("featured").asBoolean(false);
        if (kind == ExhibitPages.KIND) {
            List<ExhibitPage.ExhibitAuthor> authors = new ArrayList<>();
            for (JsonNode a : json.path("authors")) {
                previews.author(a.path("author_id").asLong()).ifPresent(authors::add);
            }
            List<ExhibitPage.Footnote> footnotes = new ArrayList<>();
            long n = 0;
            for (JsonNode f : json.path("footnotes")) {
                footnotes.add(new ExhibitPage.Footnote(f.path("id").asLong(++n), text(f, "uuid", ""), text(f, "text", "")));
            }
            List<ExhibitPage.OtherExhibit> others = new ArrayList<>();
            for (JsonNode o : json.path("other_exhibits")) {
                previews.liveExhibit(o.path("exhibit_id").asInt(), siteRoot).ifPresent(others::add);
            }
            return new ExhibitPage(page, json.path("body").toString(), cover, hero, featured, authors, footnotes, others);
        }
        if (kind == CollectionPages.KIND) {
            return new CollectionPage(page, text(json, "introduction", ""), json.path("content").toString(), cover, hero,
                    featured);
        }
        return new HomePage(page, text(json, "body", ""));
    }

    private static String text(JsonNode json, String field, String fallback) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }
}
