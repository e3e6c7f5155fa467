package org.openvault.backend.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fields} query parameter of Wagtail API v2: {@code a,b}, {@code -a}, {@code *}, {@code _,a},
 * nested {@code authors(_,name)}. Strict: no whitespace. Errors carry Wagtail's wording, prefixed
 * {@code "fields error: "} by the caller.
 */
public final class FieldsParameter {

    /** One entry: a name (or {@code *} / {@code _}), whether it is negated, and its nested entries (or null). */
    public record Entry(String name, boolean negated, List<Entry> nested) {
    }

    private final String input;
    private int pos;

    private FieldsParameter(String input) {
        this.input = input;
    }

    public static List<Entry> parse(String input) {
        FieldsParameter parser = new FieldsParameter(input);
        try {
            return parser.fields(false);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("fields error: " + e.getMessage());
        }
    }

    private List<Entry> fields(boolean expectCloseBracket) {
        List<Entry> fields = new ArrayList<>();
        String firstIdent = null;
        boolean first = true;
        while (pos < input.length()) {
            boolean negated = false;
            StringBuilder ident = new StringBuilder();
            boolean firstChar = true;
            while (pos < input.length()) {
                int c = input.codePointAt(pos);
                if (c == '(' || c == ')' || c == ',') {
                    if (ident.isEmpty()) {
                        throw unexpected(c);
                    }
                    if ((ident.toString().equals("*") || ident.toString().equals("_")) && c == '(') {
                        throw unexpected(c);
                    }
                    break;
                } else if (c == '-') {
                    if (!firstChar) {
                        throw unexpected(c);
                    }
                    negated = true;
                } else if (c == '*' || c == '_') {
                    if (!ident.isEmpty() && c == '*') {
                        throw unexpected(c);
                    }
                    ident.appendCodePoint(c);
                } else if (Character.isLetterOrDigit(c)) {
                    if (ident.toString().equals("*")) {
                        throw unexpected(c);
                    }
                    ident.appendCodePoint(c);
                } else if (Character.isWhitespace(c)) {
                    throw new IllegalArgumentException("unexpected whitespace at position " + position());
                } else {
                    throw unexpected(c);
                }
                firstChar = false;
                pos += Character.charCount(c);
            }
            String name = ident.toString();
            if (name.equals("*") || name.equals("_")) {
                if (!first) {
                    throw new IllegalArgumentException("'" + name + "' must be in the first position");
                }
                if (negated) {
                    throw new IllegalArgumentException("'" + name + "' cannot be negated");
                }
            }
            List<Entry> nested = null;
            if (pos < input.length() && input.charAt(pos) == '(') {
                if (negated) {
                    throw unexpected('(');
                }
                pos++;
                nested = fields(true);
            }
            if (first) {
                firstIdent = name;
            } else {
                if ("_".equals(firstIdent) && negated) {
                    throw new IllegalArgumentException("negated fields with '_' doesn't make sense");
                }
                if ("*".equals(firstIdent) && !negated) {
                    throw new IllegalArgumentException("additional fields with '*' doesn't make sense");
                }
            }
            fields.add(new Entry(name, negated, nested));
            if (pos < input.length() && input.charAt(pos) == ')') {
                if (!expectCloseBracket) {
                    throw unexpected(')');
                }
                pos++;
                return fields;
            }
            if (pos < input.length() && input.charAt(pos) == ',') {
                pos++;
                if (pos >= input.length() || input.charAt(pos) == ',') {
                    throw unexpected(',');
                }
            }
            first = false;
        }
        if (expectCloseBracket) {
            throw new IllegalArgumentException("unexpected end of input (did you miss out a close bracket?)");
        }
        return fields;
    }

    private int position() {
        return input.codePointCount(0, Math.min(pos, input.length()));
    }

    private IllegalArgumentException unexpected(int c) {
        return new IllegalArgumentException("unexpected char '" + new String(Character.toChars(c)) + "' at position " + position());
    }
}
