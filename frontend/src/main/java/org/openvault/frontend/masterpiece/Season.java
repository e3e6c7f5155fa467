package org.openvault.frontend.masterpiece;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** A season of the Masterpiece collection: its number, years and miniseries in broadcast order. */
public record Season(int number, String years, List<Miniseries> miniseries) {

    /** Every season of the backend's {@code /api/v2/masterpiece/} answer. */
    static List<Season> all(JsonNode listing) {
        List<Season> seasons = new ArrayList<>();
        for (JsonNode season : listing.path("items")) {
            List<Miniseries> miniseries = new ArrayList<>();
            season.path("miniseries").forEach(item -> miniseries.add(Miniseries.of(item)));
            seasons.add(new Season(season.path("number").asInt(), season.path("years").asText(""), miniseries));
        }
        return seasons;
    }

    /**
     * The seasons whose miniseries match a filter, keeping only those: a miniseries matches when its key contains
     * the filter lowercased without whitespace (and without accents and punctuation, which keys never have).
     */
    static List<Season> matching(List<Season> seasons, String filter) {
        String needle = needle(filter);
        if (needle.isEmpty()) {
            return seasons;
        }
        List<Season> matching = new ArrayList<>();
        for (Season season : seasons) {
            List<Miniseries> kept = season.miniseries().stream().filter(m -> m.key().contains(needle)).toList();
            if (!kept.isEmpty()) {
                matching.add(new Season(season.number(), season.years(), kept));
            }
        }
        return matching;
    }

    static String needle(String filter) {
        return Normalizer.normalize(filter, Normalizer.Form.NFD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
