package org.openvault.backend.editing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Field by field, what changed between two revisions of a page: every content field whose value differs, with both
 * values; for streams (exhibit body, collection content) also which blocks were added, removed, changed or moved,
 * matched by their ids.
 */
public final class RevisionComparison {

    private RevisionComparison() {
    }

    public static Map<String, Object> compare(ObjectNode from, ObjectNode to) {
        Set<String> fields = new LinkedHashSet<>();
        from.fieldNames().forEachRemaining(fields::add);
        to.fieldNames().forEachRemaining(fields::add);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode before = from.get(field);
            JsonNode after = to.get(field);
            if (before == null ? after == null : before.equals(after)) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("field", field);
            change.put("from", before);
            change.put("to", after);
            if (isStream(before) || isStream(after)) {
                change.put("blocks", blocks(before, after));
            }
            changes.add(change);
        }
        return Map.of("changes", changes);
    }

    private static boolean isStream(JsonNode value) {
        return value != null && value.isArray() && value.size() > 0 && value.get(0).has("type")
                && value.get(0).has("value");
    }

    private static List<Map<String, Object>> blocks(JsonNode before, JsonNode after) {
        Map<String, Integer> beforeIndex = index(before);
        Map<String, Integer> afterIndex = index(after);
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : afterIndex.entrySet()) {
            Integer old = beforeIndex.get(entry.getKey());
            String change;
            if (old == null) {
                change = "added";
            } else if (!before.get(old).equals(after.get(entry.getValue()))) {
                change = "changed";
            } else if (!old.equals(entry.getValue())) {
                change = "moved";
            } else {
                continue;
            }
            blocks.add(Map.of("id", entry.getKey(), "change", change, "position", entry.getValue()));
        }
        for (Map.Entry<String, Integer> entry : beforeIndex.entrySet()) {
            if (!afterIndex.containsKey(entry.getKey())) {
                blocks.add(Map.of("id", entry.getKey(), "change", "removed", "position", entry.getValue()));
            }
        }
        return blocks;
    }

    private static Map<String, Integer> index(JsonNode stream) {
        Map<String, Integer> index = new LinkedHashMap<>();
        if (stream != null && stream.isArray()) {
            for (int i = 0; i < stream.size(); i++) {
                index.putIfAbsent(stream.get(i).path("id").asText("#" + i), i);
            }
        }
        return index;
    }
}
