package org.openvault.frontend.home;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.BackendApi;
import org.openvault.frontend.content.Card;
import org.openvault.frontend.content.ContentReader;
import org.openvault.frontend.content.Image;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/** {@code /}: three random collections and three random exhibits, and a carousel of all six. */
public final class HomeSite implements HttpService {

    private final BackendApi api;
    private final ContentReader reader;
    private final Templates templates;

    public HomeSite(BackendApi api, ContentReader reader, Templates templates) {
        this.api = api;
        this.reader = reader;
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::home, "/");
    }

    private void home(ServerRequest req, ServerResponse res) {
        BackendApi.Reads reads = api.reads();
        JsonNode collections = reads.require("/api/v2/collections/", "order", "random", "limit", "3");
        JsonNode exhibits = reads.require("/api/v2/exhibits/", "order", "random", "limit", "3");

        // The slide's link comes from the listing it was read from, never from its type name.
        List<Object[]> items = new ArrayList<>();
        exhibits.path("items").forEach(item -> items.add(new Object[] {item, "exhibits"}));
        collections.path("items").forEach(item -> items.add(new Object[] {item, "collections"}));
        Collections.shuffle(items);
        List<Slide> slides = new ArrayList<>();
        if (!exhibits.path("items").isEmpty()) {
            for (Object[] entry : items) {
                JsonNode item = (JsonNode) entry[0];
                slides.add(new Slide(slides.size() + 1, "/" + entry[1] + "/" + item.at("/meta/slug").asText(""),
                        Card.cardTitle(item.path("title").asText("")), Image.of(item.get("hero_image"))));
            }
        }
        templates.render(req, res, reads, Status.OK_200, "home.jte",
                PageMeta.of(null, PageMeta.DEFAULT_DESCRIPTION, "/"),
                Map.of("slides", slides,
                        "collections", reader.cards(collections, "collections"),
                        "exhibits", reader.cards(exhibits, "exhibits")));
    }
}
