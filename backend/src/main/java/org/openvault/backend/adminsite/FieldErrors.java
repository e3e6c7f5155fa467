package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openvault.backend.validation.Violation;

/**
 * A refused save's messages, placed for the form: those about a field the form shows ({@code /content/<field>…})
 * next to that field, the rest ({@code others}) in the summary at the top.
 */
public record FieldErrors(Map<String, List<String>> byField, List<String> others) {

    private static final String CONTENT = "/content/";

    public static final FieldErrors NONE = new FieldErrors(Map.of(), List.of());

    static FieldErrors of(List<Violation> violations, List<FormField> shown) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (Violation violation : violations) {
            String field = field(violation.pointer());
            if (shown.stream().anyMatch(f -> f.name().equals(field))) {
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(sentence(violation.detail()));
            } else {
                others.add(sentence(violation.detail()));
            }
        }
        return new FieldErrors(byField, others);
    }

    public boolean any() {
        return !byField.isEmpty() || !others.isEmpty();
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
        if (pointer == null || !pointer.startsWith(CONTENT)) {
            return "";
        }
        String rest = pointer.substring(CONTENT.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String sentence(String detail) {
        if (detail == null || detail.isEmpty()) {
            return "This value is not valid.";
        }
        String text = Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
