package org.openvault.frontend.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text as escaped HTML with every case-insensitive occurrence of the whole query in {@code <mark>}: the query
 * is matched without regular-expression special characters and quotes, so a query in quotes or with an operator
 * ({@code "Julia Child"}, {@code tech*}) marks the words it names.
 */
final class QueryMarks {

    private static final Pattern IGNORED = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}\"']");

    private QueryMarks() {
    }

    static String html(String text, String query) {
        String needle = IGNORED.matcher(query).replaceAll("").strip();
        if (needle.isEmpty()) {
            return escape(text);
        }
        Matcher match = Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        StringBuilder html = new StringBuilder(text.length() + 32);
        int done = 0;
        while (match.find()) {
            html.append(escape(text.substring(done, match.start())))
                    .append("<mark>").append(escape(match.group())).append("</mark>");
            done = match.end();
        }
        return html.append(escape(text.substring(done))).toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
