package org.openvault.backend.adminsite;

import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.streamfield.StreamField;
import org.openvault.backend.streamfield.StreamFieldValidator;

/**
 * The structured parts of the edit form ({@link PageParts}) read back into the content's JSON shape exactly as the
 * editor typed them (the validator checks them when the page is saved), and the form's list actions: add a block,
 * footnote, author or other exhibit, move one up or down, delete one. A list action changes only the form: the page
 * is saved by Save draft, so nothing typed is lost and nothing half-made is stored.
 * <p>
 * Input names are the content's JSON pointers without their leading slash ({@code body/2/value},
 * {@code body/2/value/start_time}, {@code footnotes/0/text}, {@code authors/1}), so a refused save's messages find
 * their input by pointer.
 */
final class ContentForm {

    /** The AAPB record group's check boxes: unticked ones are not sent at all. */
    static final String[] AAPB_FLAGS = {"show_title", "show_thumbnail", "show_sidebar"};
    private static final String[] AAPB_TEXTS = {"special_collections", "title", "access_level"};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a list action did: the sentence to show, and the id of the input to put the focus on. */
    record Change(String notice, String focus) {
    }

    private ContentForm() {
    }

    /** The parts' fields of {@code content} (a page as stored, or as typed), copied. */
    static ObjectNode from(ObjectNode content, PageParts parts) {
        ObjectNode typed = NODES.objectNode();
        for (String name : parts.names()) {
            JsonNode value = content.get(name);
            typed.set(name, value == null ? NODES.nullNode() : value.deepCopy());
        }
        return typed;
    }

    /** The parts as the form sent them; {@code field} answers a form field's value, "" when absent. */
    static ObjectNode read(UnaryOperator<String> field, PageParts parts) {
        ObjectNode typed = NODES.objectNode();
        for (String image : parts.images()) {
            typed.set(image, number(field.apply(image)));
        }
        if (parts.stream() != null) {
            typed.set(parts.stream(), blocks(field, parts.stream()));
        }
        if (parts.authors()) {
            typed.set(PageParts.AUTHORS, references(field, PageParts.AUTHORS, "author_id"));
        }
        if (parts.footnotes()) {
            ArrayNode footnotes = typed.putArray(PageParts.FOOTNOTES);
            for (int i = 0; i < StreamFieldValidator.MAX_BLOCKS; i++) {
                String uuid = field.apply(PageParts.FOOTNOTES + "/" + i + "/uuid");
                if (uuid.isEmpty()) {
                    break;
                }
                footnotes.addObject().put("uuid", uuid).put("text", field.apply(PageParts.FOOTNOTES + "/" + i + "/text"));
            }
        }
        if (parts.otherExhibits()) {
            typed.set(PageParts.OTHER_EXHIBITS, references(field, PageParts.OTHER_EXHIBITS, "exhibit_id"));
        }
        return typed;
    }

    private static ArrayNode blocks(UnaryOperator<String> field, String stream) {
        ArrayNode blocks = NODES.arrayNode();
        for (int i = 0; i < StreamFieldValidator.MAX_BLOCKS; i++) {
            String at = stream + "/" + i;
            String type = field.apply(at + "/type");
            if (type.isEmpty()) {
                break;
            }
            ObjectNode block = blocks.addObject();
            block.put("type", type);
            String value = at + "/value";
            if (StreamField.AAPB_BLOCKS.contains(type)) {
                ObjectNode group = block.putObject("value");
                ArrayNode guids = group.putArray("guids");
                for (String guid : field.apply(value + "/guids").strip().split("\\s+")) {
                    if (!guid.isEmpty()) {
                        guids.add(guid);
                    }
                }
                for (String name : AAPB_TEXTS) {
                    group.put(name, field.apply(value + "/" + name));
                }
                for (String flag : AAPB_FLAGS) {
                    group.put(flag, !field.apply(value + "/" + flag).isEmpty());
                }
                for (String time : new String[] {"start_time", "end_time"}) {
                    String typedTime = field.apply(value + "/" + time).strip();
                    group.set(time, typedTime.isEmpty() ? NODES.nullNode() : NODES.textNode(typedTime));
                }
            } else {
                block.put("value", field.apply(value));
            }
            String id = field.apply(at + "/id");
            block.set("id", id.isEmpty() ? NODES.nullNode() : NODES.textNode(id));
        }
        return blocks;
    }

    private static ArrayNode references(UnaryOperator<String> field, String list, String key) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < StreamFieldValidator.MAX_BLOCKS; i++) {
            String id = field.apply(list + "/" + i);
            if (id.isEmpty()) {
                break;
            }
            out.addObject().set(key, number(id));
        }
        return out;
    }

    // A forged non-number stays as text, for the validator to name.
    private static JsonNode number(String text) {
        if (text.isEmpty()) {
            return NODES.nullNode();
        }
        return text.length() < 10 && text.chars().allMatch(Character::isDigit)
                ? NODES.numberNode(Integer.parseInt(text)) : NODES.textNode(text);
    }

    /**
     * Applies {@code action} ({@code add:body}, {@code up:authors:2}, {@code down:…}, {@code delete:…},
     * {@code clear:cover_image_id}) to {@code typed}; what to add comes from the form's {@code <list>/new} field.
     * 400 for an action this page's form does not have.
     */
    static Change apply(String action, ObjectNode typed, PageParts parts, UnaryOperator<String> field,
                        boolean mayEditHtml) {
        String[] words = action.split(":", -1);
        if (words.length == 2 && words[0].equals("clear") && parts.images().contains(words[1])) {
            typed.putNull(words[1]);
            return new Change("Image removed. Save the draft to keep the change.", "field-" + words[1] + "-search");
        }
        if (words.length < 2 || !parts.hasList(words[1]) || !typed.path(words[1]).isArray()) {
            throw unknown(action);
        }
        String list = words[1];
        ArrayNode items = (ArrayNode) typed.get(list);
        if (words[0].equals("add") && words.length == 2) {
            return add(list, items, parts, field.apply(list + "/new"), mayEditHtml);
        }
        int index = words.length == 3 ? index(words[2], items.size()) : -1;
        if (index < 0) {
            throw unknown(action);
        }
        String what = itemName(list);
        switch (words[0]) {
            case "up" -> {
                if (index == 0) {
                    throw unknown(action);
                }
                swap(items, index - 1, index);
                return new Change(what + " moved up. Save the draft to keep the change.",
                        buttonId(index - 1 == 0 ? "down" : "up", list, index - 1));
            }
            case "down" -> {
                if (index == items.size() - 1) {
                    throw unknown(action);
                }
                swap(items, index, index + 1);
                return new Change(what + " moved down. Save the draft to keep the change.",
                        buttonId(index + 1 == items.size() - 1 ? "up" : "down", list, index + 1));
            }
            case "delete" -> {
                items.remove(index);
                return new Change(what + " deleted. Save the draft to keep the change.", "field-" + list + "-new");
            }
            default -> throw unknown(action);
        }
    }

    private static Change add(String list, ArrayNode items, PageParts parts, String chosen, boolean mayEditHtml) {
        if (items.size() >= StreamFieldValidator.MAX_BLOCKS) {
            throw AdminProblem.badRequest("too_many", "this list is full");
        }
        String what = itemName(list);
        String focus = "field-" + list + "-" + items.size();
        switch (list) {
            case PageParts.FOOTNOTES -> {
                items.addObject().put("uuid", UUID.randomUUID().toString()).put("text", "");
                return new Change("Footnote added at the end. Save the draft to keep it.", focus + "-text");
            }
            case PageParts.AUTHORS, PageParts.OTHER_EXHIBITS -> {
                if (chosen.isEmpty()) {
                    return new Change("Choose one from the list first.", "field-" + list + "-new");
                }
                items.addObject().set(list.equals(PageParts.AUTHORS) ? "author_id" : "exhibit_id", number(chosen));
                return new Change(what + " added at the end. Save the draft to keep the change.",
                        "field-" + list + "-new");
            }
            default -> {
                if (!parts.streamKind().blockTypes().contains(chosen) || (chosen.equals("html") && !mayEditHtml)) {
                    return new Change("Choose a block type from the list first.", "field-" + list + "-new");
                }
                ObjectNode block = NODES.objectNode().put("type", chosen);
                if (StreamField.AAPB_BLOCKS.contains(chosen)) {
                    block.putObject("value");
                } else {
                    block.put("value", "");
                }
                block.put("id", UUID.randomUUID().toString());
                items.add(StreamField.normalise(NODES.arrayNode().add(block)).get(0));
                return new Change(BlockLabels.of(chosen) + " block added at the end. Save the draft to keep it.",
                        focus + (StreamField.AAPB_BLOCKS.contains(chosen) ? "-value-guids" : "-value"));
            }
        }
    }

    // The focus stays on the moved item's button, or on its other one once it reaches an end of the list.
    private static String buttonId(String button, String list, int index) {
        return "button-" + button + "-" + list + "-" + index;
    }

    private static String itemName(String list) {
        return switch (list) {
            case PageParts.AUTHORS -> "Author";
            case PageParts.FOOTNOTES -> "Footnote";
            case PageParts.OTHER_EXHIBITS -> "Exhibit";
            default -> "Block";
        };
    }

    private static void swap(ArrayNode items, int a, int b) {
        JsonNode first = items.get(a);
        items.set(a, items.get(b));
        items.set(b, first);
    }

    private static int index(String text, int size) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int index = Integer.parseInt(text);
        return index < size ? index : -1;
    }

    private static AdminProblem unknown(String action) {
        return AdminProblem.badRequest("unknown_action", "unknown action " + action);
    }
}
