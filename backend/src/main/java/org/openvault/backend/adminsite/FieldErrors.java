package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openvault.backend.validation.Violation;

/**
 * A refused save's messages, placed for the form: those about a simple field the form shows
 * ({@code /content/<field>}) next to that field; those inside a structured part ({@code /content/body/2/value})
 * next to the input or block the pointer names, and linked from the summary ({@code inParts}); the rest
 * ({@code others}) in the summary at the top.
 */
public record FieldErrors(Map<String, List<String>> byField, Map<String, List<String>> byPointer,
                          List<Linked> inParts, List<String> others) {

    private static final String CONTENT = "/content";

    public static final FieldErrors NONE = new FieldErrors(Map.of(), Map.of(), List.of(), List.of());

    /** A message of the summary with the id of the element it is about. */
    public record Linked(String anchor, String message) {
    }

    static FieldErrors of(List<Violation> violations, List<FormField> shown) {
        return of(violations, shown, List.of());
    }

    static FieldErrors of(List<Violation> violations, List<FormField> shown, List<String> partNames) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        Map<String, List<String>> byPointer = new LinkedHashMap<>();
        List<Linked> inParts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Violation violation : violations) {
            String field = field(violation.pointer());
            String message = FormProblems.sentence(violation.detail());
            if (shown.stream().anyMatch(f -> f.name().equals(field))) {
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
            } else if (partNames.contains(field)) {
                String pointer = element(violation.pointer().substring(CONTENT.length()));
                byPointer.computeIfAbsent(pointer, k -> new ArrayList<>()).add(message);
                inParts.add(new Linked(("field" + pointer).replace('/', '-'), where(pointer) + ": " + message));
            } else {
                others.add(message);
            }
        }
        return new FieldErrors(byField, byPointer, inParts, others);
    }

    public boolean any() {
        return !byField.isEmpty() || !byPointer.isEmpty() || !others.isEmpty();
    }

    /** The messages about the input or block at {@code pointer} ({@code /body/2/value}, {@code /body/2}). */
    public List<String> at(String pointer) {
        return byPointer.getOrDefault(pointer, List.of());
    }

    /** {@code aria-invalid} for the input at {@code pointer}: "true", or null (jte then omits it). */
    public String invalidAt(String pointer) {
        return byPointer.containsKey(pointer) ? "true" : null;
    }

    // "/body/2/value/start_time" → "Block 3, start time": the summary says where each message belongs.
    private static String where(String pointer) {
        String[] steps = pointer.substring(1).split("/");
        StringBuilder where = new StringBuilder(switch (steps[0]) {
            case "body", "content" -> "Block";
            case "footnotes" -> "Footnote";
            case "authors" -> "Author";
            case "other_exhibits" -> "Other exhibit";
            default -> steps[0].replace("_id", "").replace('_', ' ');
        });
        if (steps.length > 1 && steps[1].chars().allMatch(Character::isDigit)) {
            where.append(' ').append(Integer.parseInt(steps[1]) + 1);
        }
        String last = steps[steps.length - 1];
        if (steps.length > 2 && !last.equals("value")) {
            where.append(", ").append(last.replace('_', ' '));
        }
        String text = where.toString();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // A block's type or id, and a footnote's uuid, have no input of their own: their messages go with the block.
    private static String element(String pointer) {
        for (String own : List.of("/type", "/id", "/uuid")) {
            if (pointer.endsWith(own) && pointer.indexOf('/', 1) < pointer.length() - own.length()) {
                return pointer.substring(0, pointer.length() - own.length());
            }
        }
        return pointer;
    }

    public List<String> of(FormField field) {
        return byField.getOrDefault(field.name(), List.of());
    }

    /** The help text's id, and the error's when there is one: what a screen reader reads with the input. */
    public String describedBy(FormField field) {
        return byField.containsKey(field.name()) ? field.helpId() + " " + field.errorId() : field.helpId();
    }

    /** {@code aria-invalid} for the input: "true", or null (jte then omits it). */
    public String invalid(FormField field) {
        return byField.containsKey(field.name()) ? "true" : null;
    }

    // "/content/slug" and "/content/body/2/value" are both about the field named by their first step.
    private static String field(String pointer) {
        if (pointer == null || !pointer.startsWith(CONTENT + "/")) {
            return "";
        }
        String rest = pointer.substring(CONTENT.length() + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
