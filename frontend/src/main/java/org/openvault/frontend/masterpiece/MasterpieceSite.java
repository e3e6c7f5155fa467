package org.openvault.frontend.masterpiece;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.api.BackendUnavailableException;
import org.openvault.frontend.content.SafeHtml;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.PageRoutes;
import org.openvault.frontend.rendering.MasterpieceCollection;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.staticpages.StaticPageSite;

/**
 * The Alistair Cooke Masterpiece Theatre collection, all of it CMS data: {@code /collections/masterpiece}
 * (the season browser, filtered by {@code ?q=}, under the introduction of the static page at that path),
 * {@code /collections/masterpiece-funders} (a static page) and {@code /miniseries/{key}}. Registered before the
 * collection pages, so these paths beat {@code /collections/{slug}}.
 */
public final class MasterpieceSite implements HttpService {

    private static final String PATH = MasterpieceCollection.PATH;
    private static final String FUNDERS_PATH = "/collections/masterpiece-funders";
    private static final String DESCRIPTION =
            "Browse the Masterpiece Theatre miniseries Alistair Cooke introduced from 1971 to 1992, season by season.";
    private static final Pattern KEY = Pattern.compile("[a-z0-9]{1,100}");
    private static final int MAX_FILTER = 100;
    private static final Logger LOG = Logger.getLogger(MasterpieceSite.class.getName());

    private final BackendApi api;
    private final Templates templates;

    public MasterpieceSite(BackendApi api, Templates templates) {
        this.api = api;
        this.templates = templates;
    }

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
        BackendApi.Reads reads = api.reads();
        List<Season> seasons = Season.all(reads.require("/api/v2/masterpiece/"));
        JsonNode intro = introduction(reads);
        String title = intro.path("title").asText("").isBlank() ? MasterpieceCollection.TITLE : intro.path("title").asText();
        String description = intro.at("/meta/search_description").asText("");
        List<Season> shown = Season.matching(seasons, filter);
        templates.render(req, res, reads, Status.OK_200, "masterpiece.jte",
                PageMeta.of(title, description.isBlank() ? DESCRIPTION : description, PATH),
                Map.of("title", title, "introHtml", SafeHtml.richText(intro.path("body").asText("")), "filter", filter,
                        "seasons", shown, "complete", Season.needle(filter).isEmpty()));
    }

    /** The introduction (a static page at the collection's path), or an empty node: the seasons matter more. */
    private static JsonNode introduction(BackendApi.Reads reads) {
        try {
            BackendApi.Answer answer = reads.get("/api/v2/static_pages/", "path", PATH);
            return answer.ok() ? answer.body() : MissingNode.getInstance();
        } catch (BackendUnavailableException e) {
            LOG.warning("Masterpiece introduction left out: " + e.getMessage());
            return MissingNode.getInstance();
        }
    }

    private void funders(ServerRequest req, ServerResponse res) {
        BackendApi.Reads reads = api.reads();
        BackendApi.Answer answer = reads.get("/api/v2/static_pages/", "path", FUNDERS_PATH);
        if (answer.ok()) {
            StaticPageSite.render(req, res, reads, templates, answer.body(), PATH, "Back to Masterpiece Collection");
        } else if (answer.status() == 404) {
            templates.notFound(req, res, reads, "No page found for: " + FUNDERS_PATH);
        } else {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for " + FUNDERS_PATH);
        }
    }

    private void miniseries(ServerRequest req, ServerResponse res) {
        String key = req.path().pathParameters().get("key");
        BackendApi.Reads reads = api.reads();
        BackendApi.Answer answer = KEY.matcher(key).matches() ? reads.get("/api/v2/masterpiece/" + key + "/") : null;
        if (answer != null && answer.ok()) {
            Miniseries miniseries = Miniseries.of(answer.body());
            PageMeta meta = new PageMeta("GBH Series - " + miniseries.title(), "The Masterpiece Theatre miniseries "
                    + miniseries.title() + ", introduced by Alistair Cooke, in the GBH Archives.",
                    miniseries.href(), "website", null, false);
            templates.render(req, res, reads, Status.OK_200, "miniseries.jte", meta,
                    Map.of("miniseries", miniseries, "image", templates.site().assets().url(MasterpieceCollection.IMAGE)));
        } else if (answer == null || answer.status() == 404) {
            templates.notFound(req, res, reads, "Miniseries not found: there is no miniseries called \"" + key + "\".");
        } else {
            throw new BackendUnavailableException("Backend answered " + answer.status() + " for miniseries " + key);
        }
    }
}
