package org.openvault.frontend.masterpiece;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.Miniseries;
import org.openvault.frontend.content.Season;
import org.openvault.frontend.content.StaticPage;
import org.openvault.frontend.rendering.BackLink;
import org.openvault.frontend.rendering.MasterpieceCollection;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.PageRoutes;
import org.openvault.frontend.rendering.Templates;

/**
 * The Alistair Cooke Masterpiece Theatre collection, all of it CMS data: {@code /collections/masterpiece}
 * (the season browser, filtered by {@code ?q=}, under the introduction of the static page at that path),
 * {@code /collections/masterpiece-funders} (a static page) and {@code /miniseries/{key}}. Registered before the
 * collection pages, so these paths beat {@code /collections/{slug}}.
 */
public record MasterpieceSite(CmsClient cms, Templates templates) implements HttpService {

    private static final String PATH = MasterpieceCollection.PATH;
    private static final String FUNDERS_PATH = "/collections/masterpiece-funders";
    private static final String DESCRIPTION =
            "Browse the Masterpiece Theatre miniseries Alistair Cooke introduced from 1971 to 1992, season by season.";
    private static final int MAX_FILTER = 100;
    private static final Logger LOG = Logger.getLogger(MasterpieceSite.class.getName());

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::collection, PATH, PATH + "/");
        PageRoutes.page(rules, this::funders, FUNDERS_PATH, FUNDERS_PATH + "/");
        PageRoutes.page(rules, this::miniseries, "/miniseries/{key}", "/miniseries/{key}/");
    }

    private void collection(ServerRequest req, ServerResponse res) {
        String filter = req.query().contains("q") ? req.query().get("q").strip() : "";
        if (filter.length() > MAX_FILTER) {
            filter = filter.substring(0, MAX_FILTER);
        }
        Freshness freshness = new Freshness();
        List<Season> seasons = cms.masterpieceSeasons(freshness);
        Optional<StaticPage> intro = introduction(freshness);
        String title = intro.map(StaticPage::title).filter(t -> !t.isBlank()).orElse(MasterpieceCollection.TITLE);
        String description = intro.map(StaticPage::description).filter(d -> !d.isBlank()).orElse(DESCRIPTION);
        List<Season> shown = Season.matching(seasons, filter);
        templates.render(req, res, freshness, Status.OK_200, "masterpiece.jte",
                PageMeta.of(title, description, PATH),
                new SeasonBrowser(title, intro.map(StaticPage::bodyHtml).orElse(""), filter, shown,
                        Season.needle(filter).isEmpty()));
    }

    /** The introduction (a static page at the collection's path), if there is one: the seasons matter more. */
    private Optional<StaticPage> introduction(Freshness freshness) {
        try {
            return cms.staticPage(freshness, PATH);
        } catch (BackendUnavailableException e) {
            LOG.warning("Masterpiece introduction left out: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void funders(ServerRequest req, ServerResponse res) {
        Freshness freshness = new Freshness();
        Optional<StaticPage> page = cms.staticPage(freshness, FUNDERS_PATH);
        if (page.isPresent()) {
            templates.staticPage(req, res, freshness, page.get(), new BackLink(PATH, "Back to Masterpiece Collection"));
        } else {
            templates.notFound(req, res, freshness, "No page found for: " + FUNDERS_PATH);
        }
    }

    private void miniseries(ServerRequest req, ServerResponse res) {
        String key = req.path().pathParameters().get("key");
        Freshness freshness = new Freshness();
        Optional<Miniseries> found = cms.miniseries(freshness, key);
        if (found.isPresent()) {
            Miniseries miniseries = found.get();
            PageMeta meta = new PageMeta("GBH Series - " + miniseries.title(), "The Masterpiece Theatre miniseries "
                    + miniseries.title() + ", introduced by Alistair Cooke, in the GBH Archives.",
                    miniseries.href(), "website", null, false);
            templates.render(req, res, freshness, Status.OK_200, "miniseries.jte", meta,
                    new MiniseriesPage(miniseries, templates.site().assets().url(MasterpieceCollection.IMAGE)));
        } else {
            templates.notFound(req, res, freshness,
                    "Miniseries not found: there is no miniseries called \"" + key + "\".");
        }
    }
}
