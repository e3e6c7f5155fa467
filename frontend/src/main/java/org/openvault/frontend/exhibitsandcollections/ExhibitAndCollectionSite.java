package org.openvault.frontend.exhibitsandcollections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.DetailPage;
import org.openvault.frontend.content.DetailPage.Kind;
import org.openvault.frontend.content.PageSummary;
import org.openvault.frontend.content.Redirect;
import org.openvault.frontend.rendering.MasterpieceCollection;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.PageRoutes;
import org.openvault.frontend.rendering.Templates;

/**
 * {@code /exhibits}, {@code /collections} (card lists, the Masterpiece collection's card first on collections) and
 * {@code /exhibits/{slug}}, {@code /collections/{slug}} (looked up by slug; a slug of the other type or an unknown one
 * is a 404 unless the backend knows a redirect for its path).
 */
public record ExhibitAndCollectionSite(CmsClient cms, Templates templates) implements HttpService {

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
        Freshness freshness = new Freshness();
        List<PageSummary> listing = cms.listing(freshness, kind);
        boolean exhibits = kind == Kind.EXHIBIT;
        String heading = exhibits ? "Scholar Exhibits" : "Special Collections";
        PageMeta meta = PageMeta.of(exhibits ? heading : "Collections",
                exhibits ? "Scholar exhibits created from the GBH Archives by scholars of public media history."
                        : "Special collections curated from the GBH Archives.", "/" + kind.section());
        List<Card> cards = new ArrayList<>();
        if (!exhibits) {
            cards.add(MasterpieceCollection.card(templates.site()));
        }
        listing.forEach(page -> cards.add(page.card()));
        templates.render(req, res, freshness, Status.OK_200, "listing.jte", meta, new Listing(heading,
                exhibits ? "Scholars explore selected topics through digitised programs of historical significance."
                        : "Collections of significant GBH productions, with full-length interviews and original footage.",
                cards));
    }

    private void detail(ServerRequest req, ServerResponse res, Kind kind) {
        String slug = req.path().pathParameters().get("slug");
        Freshness freshness = new Freshness();
        Optional<DetailPage> page = cms.bySlug(freshness, kind, slug);
        if (page.isPresent()) {
            templates.detail(req, res, freshness, page.get(), false);
            return;
        }
        Optional<Redirect> moved = cms.redirect(freshness, "/" + kind.section() + "/" + slug);
        if (moved.isPresent()) {
            Templates.redirect(res, moved.get());
            return;
        }
        templates.notFound(req, res, freshness, "No " + kind.section() + " called: " + slug);
    }
}
