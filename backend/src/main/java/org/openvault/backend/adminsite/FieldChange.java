package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A content field that differs between two revisions, as text to show (escaped by jte), with a stream's block changes. */
public record FieldChange(String field, String before, String after, List<String> blocks) {

    /** From one entry of {@code RevisionComparison.compare(...)}'s changes. */
    @SuppressWarnings("unchecked")
    static FieldChange of(Map<String, Object> change) {
        List<String> blocks = new ArrayList<>();
        Object listed = change.get("blocks");
        if (listed instanceof List<?> items) {
            for (Object item : items) {
                Map<String, Object> block = (Map<String, Object>) item;
                blocks.add("Block " + block.get("id") + " " + block.get("change") + " (position "
                        + ((Integer) block.get("position") + 1) + ")");
            }
        }
        return new FieldChange(((String) change.get("field")).replace('_', ' '), text((JsonNode) change.get("from")),
                text((JsonNode) change.get("to")), blocks);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "(empty)";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
