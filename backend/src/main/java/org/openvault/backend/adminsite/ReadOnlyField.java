package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A content field the edit form shows but does not edit yet (the page types' fields it has no input for), summarised in a line. */
public record ReadOnlyField(String name, String summary) {

    private static final int MAX_SUMMARY = 160;

    /** The page's fields that {@code edited} leaves out, in name order; saving keeps their current values. */
    static List<ReadOnlyField> of(ObjectNode content, List<String> edited) {
        Set<String> names = new TreeSet<>();
        content.fieldNames().forEachRemaining(names::add);
        names.removeAll(edited);
        List<ReadOnlyField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(new ReadOnlyField(name.replace('_', ' '), summary(content.get(name))));
        }
        return fields;
    }

    private static String summary(JsonNode value) {
        if (value == null || value.isNull()) {
            return "(empty)";
        }
        if (value.isArray()) {
            return value.size() == 1 ? "1 item" : value.size() + " items";
        }
        if (value.isObject()) {
            return "a set of " + value.size() + " values";
        }
        // Rich text is summarised as its words: the summary is escaped, so tags would only be noise.
        String text = value.asText().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(empty)";
        }
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) + "…" : text;
    }
}
