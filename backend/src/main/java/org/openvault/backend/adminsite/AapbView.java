package org.openvault.backend.adminsite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** An AAPB record group's fields as the form shows them: GUIDs one per line, times as hours:minutes:seconds. */
public record AapbView(String guids, String specialCollections, boolean showTitle, boolean showThumbnail,
                       boolean showSidebar, String title, String startTime, String endTime, String accessLevel) {

    /** The access levels editors choose from, from the narrowest (online) to the widest. */
    public static final List<Choice> ACCESS_LEVELS = List.of(new Choice("online", "Online"),
            new Choice("digitized", "Digitized"), new Choice("all", "All"));

    static AapbView of(JsonNode value) {
        List<String> guids = new ArrayList<>();
        JsonNode stored = value.path("guids");
        if (stored.isArray()) {
            stored.forEach(guid -> guids.add(guid.asText()));
        } else if (!stored.isMissingNode() && !stored.isNull()) {
            guids.add(stored.asText());
        }
        return new AapbView(String.join("\n", guids), text(value, "special_collections"),
                value.path("show_title").asBoolean(true), value.path("show_thumbnail").asBoolean(true),
                value.path("show_sidebar").asBoolean(true), text(value, "title"), clock(value.get("start_time")),
                clock(value.get("end_time")), text(value, "access_level"));
    }

    private static String text(JsonNode value, String name) {
        JsonNode member = value.get(name);
        return member == null || member.isNull() ? "" : member.asText();
    }

    // Stored durations are seconds ("90.0"); editors read and type times ("0:01:30"). What they typed stays as typed.
    static String clock(JsonNode stored) {
        if (stored == null || stored.isNull()) {
            return "";
        }
        String text = stored.asText();
        if (!text.matches("\\d{1,12}(\\.\\d+)?")) {
            return text;
        }
        BigDecimal seconds = new BigDecimal(text);
        long whole = seconds.longValue();
        String fraction = seconds.subtract(BigDecimal.valueOf(whole)).stripTrailingZeros().toPlainString();
        return String.format("%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                + (fraction.equals("0") ? "" : fraction.substring(1));
    }
}
