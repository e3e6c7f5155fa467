package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.exhibits.ExhibitFields;
import org.openvault.backend.streamfield.StreamField;

/** Builds the template's view of a page's structured parts from their typed values and the pickers' choices. */
final class PartsViews {

    private static final Map<String, String[]> IMAGE_LABELS = Map.of(
            "cover_image_id", new String[] {"Cover image",
                "Shown on cards that link to this page. Required before the page can be published."},
            "hero_image_id", new String[] {"Hero image",
                "The wide picture at the top of the page. Required before the page can be published."});

    private final PickerRepository pickers;

    PartsViews(PickerRepository pickers) {
        this.pickers = pickers;
    }

    /**
     * {@code typed}: the parts' values (as stored or as typed); {@code searches}: the image field whose search
     * the editor ran, with its words, or empty.
     */
    PartsView of(int pageId, PageParts parts, ObjectNode typed, SignedIn user, Map<String, String> searches,
                 String focus) {
        if (parts.names().isEmpty()) {
            return PartsView.NONE;
        }
        boolean mayEditHtml = user.may(Permission.EDIT_HTML_BLOCKS);
        List<BlockView> blocks = parts.stream() == null ? List.of() : blocks(parts, typed.path(parts.stream()),
                mayEditHtml);
        List<Choice> blockTypes = parts.stream() == null ? List.of() : parts.streamKind().blockTypes().stream()
                .filter(type -> mayEditHtml || !type.equals("html"))
                .map(type -> new Choice(type, BlockLabels.of(type))).toList();
        List<ImagePicker> images = new ArrayList<>();
        for (String name : parts.images()) {
            images.add(image(name, typed.path(name), searches));
        }
        List<PickedItem> authors = List.of();
        List<Choice> authorChoices = List.of();
        if (parts.authors()) {
            authorChoices = pickers.authors();
            Map<String, String> names = new HashMap<>();
            authorChoices.forEach(choice -> names.put(choice.value(), choice.label()));
            authors = picked(PageParts.AUTHORS, typed.path(PageParts.AUTHORS), "author_id", names);
        }
        List<FootnoteView> footnotes = new ArrayList<>();
        JsonNode notes = typed.path(PageParts.FOOTNOTES);
        for (int i = 0; i < notes.size(); i++) {
            footnotes.add(new FootnoteView(i, notes.get(i).path("uuid").asText(), notes.get(i).path("text").asText(),
                    i == 0, i == notes.size() - 1));
        }
        List<PickedItem> others = List.of();
        List<Choice> exhibitChoices = List.of();
        if (parts.otherExhibits()) {
            JsonNode chosen = typed.path(PageParts.OTHER_EXHIBITS);
            Set<Integer> ids = new HashSet<>();
            chosen.forEach(item -> ids.add(item.path("exhibit_id").asInt()));
            others = picked(PageParts.OTHER_EXHIBITS, chosen, "exhibit_id", pickers.exhibitTitles(ids));
            exhibitChoices = pickers.exhibits(pageId);
        }
        return new PartsView(parts.stream(), parts.stream() == null ? null : label(parts.stream()), blocks, blockTypes,
                images, parts.authors(), authors, authorChoices, parts.footnotes(), footnotes, parts.otherExhibits(),
                others, exhibitChoices,
                others.size() >= ExhibitFields.MAX_OTHER_EXHIBITS, focus);
    }

    private static List<BlockView> blocks(PageParts parts, JsonNode stream, boolean mayEditHtml) {
        List<BlockView> blocks = new ArrayList<>();
        for (int i = 0; i < stream.size(); i++) {
            JsonNode block = stream.get(i);
            String type = block.path("type").asText();
            boolean aapb = StreamField.AAPB_BLOCKS.contains(type);
            String kind = aapb ? "aapb" : type.equals("html") ? "html" : "rich";
            JsonNode value = block.path("value");
            blocks.add(new BlockView(parts.stream() + "/" + i, i, type, BlockLabels.of(type), BlockLabels.help(type),
                    kind, features(parts, type), block.path("id").asText(""),
                    aapb || value.isNull() || value.isMissingNode() ? "" : value.asText(),
                    aapb ? AapbView.of(value) : null, i == 0, i == stream.size() - 1,
                    type.equals("html") && !mayEditHtml));
        }
        return blocks;
    }

    // What the rich-text toolbar offers for a block: the text blocks of exhibits also insert footnote markers.
    private static String features(PageParts parts, String type) {
        return switch (type) {
            case "heading", "subheading" -> "italic";
            case "text" -> parts.footnotes() ? "footnotes" : "full";
            case "credits" -> "full";
            default -> "";
        };
    }

    private ImagePicker image(String name, JsonNode value, Map<String, String> searches) {
        String[] label = IMAGE_LABELS.getOrDefault(name, new String[] {name, ""});
        String typedValue = value.isNull() || value.isMissingNode() ? "" : value.asText();
        ImageChoice chosen = value.canConvertToInt() && value.isNumber() ? pickers.image(value.asInt()).orElse(null)
                : null;
        String search = searches.get(name);
        return new ImagePicker(name, label[0], label[1], chosen, typedValue, search == null ? "" : search,
                search == null ? null : pickers.findImages(search));
    }

    private static List<PickedItem> picked(String list, JsonNode items, String key, Map<String, String> labels) {
        List<PickedItem> picked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String id = items.get(i).path(key).asText();
            picked.add(new PickedItem(list, i, id, labels.getOrDefault(id, "Unknown (" + id + ")"), i == 0,
                    i == items.size() - 1));
        }
        return picked;
    }

    private static String label(String stream) {
        return stream.equals("body") ? "Body" : "Content";
    }
}
