package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openvault.backend.validation.Violation;

/**
 * A refused action's messages for a small form: each by the input it is about (its JSON pointer mapped to the input's
 * name), the rest in {@code others} for the summary.
 */
public record FormProblems(Map<String, List<String>> byInput, List<String> others) {

    public static final FormProblems NONE = new FormProblems(Map.of(), List.of());

    /** {@code inputs} maps pointers ({@code /content/title}) to input names ({@code title}). */
    static FormProblems of(List<Violation> violations, Map<String, String> inputs) {
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (Violation violation : violations) {
            String input = inputs.get(violation.pointer());
            String sentence = sentence(violation.detail());
            if (input == null) {
                others.add(sentence);
            } else {
                byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(sentence);
            }
        }
        return new FormProblems(byInput, others);
    }

    /** One message about one input. */
    static FormProblems about(String input, String message) {
        return new FormProblems(Map.of(input, List.of(sentence(message))), List.of());
    }

    /** One message not about any input (a 409 or 412). */
    static FormProblems general(String message) {
        return new FormProblems(Map.of(), List.of(sentence(message)));
    }

    public boolean any() {
        return !byInput.isEmpty() || !others.isEmpty();
    }

    public List<String> of(String input) {
        return byInput.getOrDefault(input, List.of());
    }

    /** The help's id, plus the error's when there is one: what a screen reader reads with the input. */
    public String describedBy(String input) {
        return byInput.containsKey(input) ? input + "-help " + input + "-error" : input + "-help";
    }

    /** {@code aria-invalid}: "true", or null (jte then omits it). */
    public String invalid(String input) {
        return byInput.containsKey(input) ? "true" : null;
    }

    static String sentence(String detail) {
        if (detail == null || detail.isEmpty()) {
            return "This value is not valid.";
        }
        String text = Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
