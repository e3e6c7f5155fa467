package org.openvault.frontend.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.ContentReader;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.content.DetailPage.Kind;
import org.openvault.frontend.masterpiece.MasterpieceSite;
import org.openvault.frontend.redirects.LegacyRedirects;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/**
 * {@code /exhibits}, {@code /collections} (card lists, the Masterpiece collection's card first on collections) and
 * {@code /exhibits/{slug}}, {@code /collections/{slug}} (looked up by slug; a slug of the other type or an unknown one
 * is a 404 after the legacy redirects).
 */
public final class PageSite implements HttpService {

    private final BackendApi api;
    private final ContentReader reader;
    private final Templates templates;
    private final LegacyRedirects redirects;

    public PageSite(BackendApi api, ContentReader reader, Templates templates, LegacyRedirects redirects) {
        this.api = api;
        this.reader = reader;
        this.templates = templates;
        this.redirects = redirects;
    }

    @Override
    public void routing(HttpRules rules) {
        Handler exhibits = (req, res) -> listing(req, res, Kind.EXHIBIT);
        Handler collections = (req, res) -> listing(req, res, Kind.COLLECTION);
        Handler exhibit = (req, res) -> detail(req, res, Kind.EXHIBIT);
        Handler collection = (req, res) -> detail(req, res, Kind.COLLECTION);
        PageRoutes.page(rules, exhibits, "/exhibits", "/exhibits/");
        PageRoutes.page(rules, collections, "/collections", "/collections/");
        PageRoutes.page(rules, exhibit, "/exhibits/{slug}", "/exhibits/{slug}/");
        PageRoutes.page(rules, collection, "/collections/{slug}", "/collections/{slug}/");
    }

    private void listing(ServerRequest req, ServerResponse res, Kind kind) {
        BackendApi.Reads reads = api.reads();
        JsonNode listing = reads.require("/api/v2/" + kind.section() + "/", "limit", "999999");
        boolean exhibits = kind == Kind.EXHIBIT;
        String heading = exhibits ? "Scholar Exhibits" : "Special Collections";
        PageMeta meta = PageMeta.of(exhibits ? heading : "Collections",
                exhibits ? "Scholar exhibits created from the GBH Archives by scholars of public media history."
                        : "Special collections curated from the GBH Archives.", "/" + kind.section());
        List<Card> cards = new ArrayList<>();
        if (!exhibits) {
            cards.add(MasterpieceSite.card(templates.site()));
        }
        cards.addAll(reader.cards(listing, kind.section()));
        templates.render(req, res, reads, Status.OK_200, "listing.jte", meta, Map.of(
                "heading", heading,
                "blurb", exhibits
                        ? "Scholars explore selected topics through digitised programs of historical significance."
                        : "Collections of significant GBH productions, with full-length interviews and original footage.",
                "cards", cards));
    }

    private void detail(ServerRequest req, ServerResponse res, Kind kind) {
        String slug = req.path().pathParameters().get("slug");
        BackendApi.Reads reads = api.reads();
        Optional<Integer> id = idOf(reads, slug, kind);
        if (id.isPresent()) {
            BackendApi.Answer answer = reads.get("/api/v2/" + kind.section() + "/" + id.get() + "/");
            if (answer.ok()) {
                DetailPage page = reader.detail(answer.body(), kind);
                render(req, res, reads, templates, page, false);
                return;
            }
            if (answer.status() != 404) {
                throw new BackendUnavailableException("Backend answered " + answer.status() + " for page " + id.get());
            }
        }
        Optional<LegacyRedirects.Target> moved = redirects.find(reads, "/" + kind.section() + "/" + slug);
        if (moved.isPresent()) {
            LegacyRedirects.send(res, moved.get());
            return;
        }
        templates.notFound(req, res, reads, "No " + kind.section() + " called: " + slug);
    }

    /** Renders an exhibit or collection page (also used by preview). */
    public static void render(ServerRequest req, ServerResponse res, BackendApi.Reads reads, Templates templates,
                              DetailPage page, boolean preview) {
        PageMeta meta = PageMeta.of(page.title(), page.description(), page.href())
                .article(page.cover() != null ? page.cover().url() : null);
        if (preview) {
            meta = meta.noindexed();
        }
        templates.render(req, res, reads, Status.OK_200, "detail.jte", meta, Map.of("page", page, "preview", preview));
    }

    /** The id of the live page of this kind with this slug: slugs are unique among siblings only, so check all. */
    private static Optional<Integer> idOf(BackendApi.Reads reads, String slug, Kind kind) {
        JsonNode found = reads.require("/api/v2/pages/", "slug", slug);
        List<JsonNode> items = new java.util.ArrayList<>();
        found.path("items").forEach(items::add);
        return items.stream()
                .filter(item -> {
                    String type = item.at("/meta/type").asText("");
                    return kind == Kind.EXHIBIT ? ContentReader.isExhibitType(type) : ContentReader.isCollectionType(type);
                })
                .map(item -> item.path("id").asInt())
                .findFirst();
    }
}
