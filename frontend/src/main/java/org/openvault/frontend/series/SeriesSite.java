package org.openvault.frontend.series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.frontend.api.CmsClient;
import org.openvault.frontend.api.Freshness;
import org.openvault.frontend.content.SeriesTitle;
import org.openvault.frontend.rendering.PageMeta;
import org.openvault.frontend.rendering.Templates;
import org.openvault.frontend.rendering.PageRoutes;

/** {@code /series}: every GBH series title from the backend, A to Z with jump links, filtered by {@code ?q=}. */
public record SeriesSite(CmsClient cms, Templates templates) implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        PageRoutes.page(rules, this::series, "/series", "/series/");
    }

    private void series(ServerRequest req, ServerResponse res) {
        String filter = req.query().contains("q") ? req.query().get("q").strip() : "";
        if (filter.length() > 100) {
            filter = filter.substring(0, 100);
        }
        Freshness freshness = new Freshness();
        String needle = filter.toLowerCase(Locale.ROOT);
        Map<String, List<SeriesTitle>> byLetter = new LinkedHashMap<>();
        for (SeriesTitle series : cms.allSeries(freshness)) {
            String title = series.title();
            if (title.isBlank() || !title.toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            byLetter.computeIfAbsent(letter(title), key -> new ArrayList<>()).add(series);
        }
        templates.render(req, res, freshness, Status.OK_200, "series.jte",
                PageMeta.of("GBH Series", "Browse GBH series by title and explore their records on the American Archive of Public Broadcasting.", "/series"),
                new SeriesList(filter, byLetter));
    }

    /** The group of a title: its first letter after a leading "The ", or "#" for digits and symbols. */
    static String letter(String title) {
        String t = title.regionMatches(true, 0, "The ", 0, 4) ? title.substring(4) : title;
        char first = t.isEmpty() ? '#' : Character.toUpperCase(t.charAt(0));
        return first >= 'A' && first <= 'Z' ? String.valueOf(first) : "#";
    }
}
