package org.openvault.frontend.home;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.DetailPage.Kind;
import org.openvault.frontend.content.PageSummary;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/** {@code /}: three random collections and three random exhibits, and a carousel of all six. */
public record HomeSite(CmsClient cms, Templates templates) implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::home, "/");
    }

    private void home(ServerRequest req, ServerResponse res) {
        Freshness freshness = new Freshness();
        List<PageSummary> collections = cms.random(freshness, Kind.COLLECTION, 3);
        List<PageSummary> exhibits = cms.random(freshness, Kind.EXHIBIT, 3);

        // The slide's link comes from the listing it was read from, never from its type name.
        List<PageSummary> shuffled = new ArrayList<>(exhibits);
        shuffled.addAll(collections);
        Collections.shuffle(shuffled);
        List<Slide> slides = new ArrayList<>();
        if (!exhibits.isEmpty()) {
            for (PageSummary page : shuffled) {
                slides.add(new Slide(slides.size() + 1, page.href(), Card.cardTitle(page.title()), page.hero()));
            }
        }
        templates.render(req, res, freshness, Status.OK_200, "home.jte",
                PageMeta.of(null, PageMeta.DEFAULT_DESCRIPTION, "/"),
                new HomePage(slides, collections.stream().map(PageSummary::card).toList(),
                        exhibits.stream().map(PageSummary::card).toList()));
    }
}
