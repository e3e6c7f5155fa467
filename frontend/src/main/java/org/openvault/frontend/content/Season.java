package org.openvault.frontend.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A season of the Masterpiece collection: its number, years and miniseries in broadcast order. */
public record Season(int number, String years, List<Miniseries> miniseries) {

    /**
     * The seasons whose miniseries match a filter, keeping only those: a miniseries matches when its key contains
     * the filter lowercased without whitespace (and without accents and punctuation, which keys never have).
     */
    public static List<Season> matching(List<Season> seasons, String filter) {
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

    /** A filter as miniseries keys are written: lowercase letters and digits only. */
    public static String needle(String filter) {
        return Normalizer.normalize(filter, Normalizer.Form.NFD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
