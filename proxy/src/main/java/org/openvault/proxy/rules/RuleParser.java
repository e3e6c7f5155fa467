package org.openvault.proxy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Traefik's rule language: {@code Host}, {@code HostRegexp}, {@code Path}, {@code PathPrefix},
 * {@code Method} and {@code Header} matchers with arguments in backticks or double quotes, combined with
 * {@code &&}, {@code ||}, {@code !} and parentheses ({@code !} binds tightest, then {@code &&}, then {@code ||}).
 */
public final class RuleParser {

    private final String text;
    private int pos;

    private RuleParser(String text) {
        this.text = text;
    }

    /** Parses {@code rule}; throws {@link IllegalArgumentException} with the column and problem. */
    public static Rule parse(String rule) {
        RuleParser parser = new RuleParser(rule);
        Rule parsed = parser.or();
        parser.skipSpaces();
        if (parser.pos < rule.length()) {
            throw parser.problem("unexpected '" + rule.charAt(parser.pos) + "'");
        }
        return parsed;
    }

    private Rule or() {
        Rule left = and();
        while (accept("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Rule and() {
        Rule left = unary();
        while (accept("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Rule unary() {
        if (accept("!")) {
            return unary().negate();
        }
        if (accept("(")) {
            Rule inner = or();
            expect(")");
            return inner;
        }
        return matcher();
    }

    private Rule matcher() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw problem(pos < text.length() ? "expected a matcher such as Host(`…`) but found '" + text.charAt(pos) + "'"
                    : "expected a matcher such as Host(`…`) but the rule ended");
        }
        expect("(");
        List<String> args = new ArrayList<>();
        do {
            args.add(argument());
        } while (accept(","));
        expect(")");
        return switch (name) {
            case "Host" -> hosts(args);
            case "HostRegexp" -> regexps(args, RequestFacts::host, name, start);
            case "Path" -> request -> args.contains(request.path());
            case "PathPrefix" -> pathPrefixes(args.toArray(String[]::new));
            case "PathRegexp" -> regexps(args, RequestFacts::path, name, start);
            case "Method" -> {
                List<String> methods = args.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
                yield request -> methods.contains(request.method());
            }
            case "Header" -> {
                if (args.size() != 2) {
                    pos = start;
                    throw problem("Header takes a name and a value: Header(`X-Name`, `value`)");
                }
                yield request -> request.header(args.get(0)).contains(args.get(1));
            }
            default -> {
                pos = start;
                throw problem("unknown matcher '" + name + "' (expected Host, HostRegexp, Path, PathPrefix, PathRegexp, Method or Header)");
            }
        };
    }

    /** A plain loop: every request of every router asks it. */
    private static Rule pathPrefixes(String[] prefixes) {
        return request -> {
            String path = request.path();
            for (String prefix : prefixes) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Rule hosts(List<String> args) {
        List<String> hosts = args.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        return request -> hosts.contains(request.host());
    }

    private Rule regexps(List<String> args, java.util.function.Function<RequestFacts, String> field, String name, int start) {
        List<Pattern> patterns = new ArrayList<>();
        for (String arg : args) {
            try {
                patterns.add(Pattern.compile(arg, name.startsWith("Host") ? Pattern.CASE_INSENSITIVE : 0));
            } catch (PatternSyntaxException e) {
                pos = start;
                throw problem("bad regular expression in " + name + ": " + e.getDescription());
            }
        }
        return request -> patterns.stream().anyMatch(p -> p.matcher(field.apply(request)).find());
    }

    private String argument() {
        skipSpaces();
        if (pos >= text.length() || (text.charAt(pos) != '`' && text.charAt(pos) != '"')) {
            throw problem("expected an argument in backticks, like `example.org`");
        }
        char quote = text.charAt(pos);
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw problem("argument is not closed with " + quote);
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private boolean accept(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw problem("expected '" + token + "'" + (pos < text.length() ? " at '" + text.charAt(pos) + "'" : " but the rule ended"));
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException problem(String message) {
        return new IllegalArgumentException("rule column " + (pos + 1) + ": " + message);
    }
}
