package org.openvault.backend.adminsite;

import java.util.Map;

/** The names editors read for StreamField block types, and what each block holds. */
final class BlockLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("interviews", "Interviews"),
            Map.entry("archival_footage", "Archival footage"),
            Map.entry("photographs", "Photographs"),
            Map.entry("original_footage", "Original footage"),
            Map.entry("programs", "Programs"),
            Map.entry("related_content", "Related content"),
            Map.entry("credits", "Credits"),
            Map.entry("heading", "Heading"),
            Map.entry("subheading", "Subheading"),
            Map.entry("text", "Text"),
            Map.entry("html", "HTML"));

    private static final Map<String, String> HELP = Map.of(
            "credits", "Rich text: who made the exhibit's media.",
            "heading", "A section heading. Italics only.",
            "subheading", "A smaller heading. Italics only.",
            "text", "Rich text: paragraphs, headings, lists, links, quotes and footnote markers.",
            "html", "Raw HTML, placed in the page as it is. Only administrators may add or change it.");

    private BlockLabels() {
    }

    static String of(String type) {
        return LABELS.getOrDefault(type, type);
    }

    static String help(String type) {
        return HELP.getOrDefault(type, "AAPB records shown as a group: their GUIDs, one per line, and how the group"
                + " is shown.");
    }
}
