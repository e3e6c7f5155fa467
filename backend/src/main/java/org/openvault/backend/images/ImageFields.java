package org.openvault.backend.images;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The {@code fields} parameter for images (§3.2): {@code a,b} adds, {@code -a} removes, {@code *} all, {@code _} none. */
final class ImageFields {

    /** Every field in output order; {@code type, detail_url, tags, download_url} go into {@code meta}. */
    static final List<String> ALL = List.of("id", "type", "detail_url", "tags", "download_url", "title", "width", "height");
    static final Set<String> META = Set.of("type", "detail_url", "tags", "download_url");
    static final List<String> LISTING = List.of("id", "type", "detail_url", "tags", "download_url", "title");

    private ImageFields() {
    }

    static List<String> select(String parameter, List<String> defaults) {
        Set<String> fields = new LinkedHashSet<>(defaults);
        if (parameter == null || parameter.isEmpty()) {
            return defaults;
        }
        List<String> tokens = tokens(parameter);
        int start = 0;
        if (tokens.getFirst().equals("*")) {
            fields.addAll(ALL);
            start = 1;
        } else if (tokens.getFirst().equals("_")) {
            fields.clear();
            start = 1;
        }
        Set<String> unknown = new TreeSet<>();
        for (String token : tokens.subList(start, tokens.size())) {
            boolean negated = token.startsWith("-");
            String name = negated ? token.substring(1) : token;
            if (!ALL.contains(name)) {
                unknown.add(name);
            } else if (negated) {
                fields.remove(name);
            } else {
                fields.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ImageQuery.BadQueryException("unknown fields: " + String.join(", ", unknown));
        }
        return ALL.stream().filter(fields::contains).toList();
    }

    /** Splits on commas, with Wagtail's syntax errors; images have no relations, so no nested fields. */
    private static List<String> tokens(String parameter) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < parameter.length(); i++) {
            char c = parameter.charAt(i);
            if (c == ',') {
                if (current.isEmpty() || current.toString().equals("-")) {
                    throw unexpected(c, i);
                }
                tokens.add(current.toString());
                current.setLength(0);
            } else if (c == '-' && current.isEmpty()) {
                current.append(c);
            } else if (Character.isWhitespace(c)) {
                throw new ImageQuery.BadQueryException("fields error: unexpected whitespace at position " + i);
            } else if (Character.isLetterOrDigit(c) || c == '_' || (c == '*' && current.isEmpty())) {
                current.append(c);
            } else {
                throw unexpected(c, i);
            }
        }
        if (current.isEmpty() || current.toString().equals("-")) {
            throw new ImageQuery.BadQueryException("fields error: unexpected end of input");
        }
        tokens.add(current.toString());
        return tokens;
    }

    private static ImageQuery.BadQueryException unexpected(char c, int position) {
        return new ImageQuery.BadQueryException("fields error: unexpected char '" + c + "' at position " + position);
    }
}
