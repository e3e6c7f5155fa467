package org.openvault.frontend.content;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A Masterpiece Theatre miniseries from the backend: key (URL and AAPB special-collection name), title, plain-text
 * description ("" when none is written), first broadcast date ({@code YYYY-MM-DD} or "") and season.
 */
public record Miniseries(String key, String title, String description, String broadcastDate, int season) {

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    /** "January 10, 1971", or "" when the date is unknown. */
    public String firstBroadcast() {
        try {
            return broadcastDate.isEmpty() ? "" : LocalDate.parse(broadcastDate).format(LONG_DATE);
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** Its records on the American Archive, oldest first: the catalog search the miniseries pages link to. */
    public String aapbUrl(String aapbHost) {
        return aapbHost + "/catalog?sort=asset_date+asc&f[special_collections][]=" + key + "&f[access_types][]=all";
    }

    public String href() {
        return "/miniseries/" + key;
    }
}
