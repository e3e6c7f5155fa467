package org.openvault.proxy.http;

/**
 * The path of a request target as the proxy routes and forwards it: one spelling for every way of writing the same
 * path, so that a rule cannot be passed by writing a path another way than the upstream will read it (for example
 * {@code /api/../observe/health} matching {@code PathPrefix(`/api/`)} and reaching the upstream's
 * {@code /observe/health}). Dot segments are removed (RFC 3986 5.2.4, {@code %2e} counting as a dot), repeated
 * slashes become one; an encoded slash, backslash or NUL, or a raw backslash, is refused: no upstream reads those
 * alike.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * {@code raw} (the path part of an origin-form target, percent-encoded as sent) in its one spelling; the same
     * string when it has nothing to change. Throws {@link IllegalArgumentException} with the client's message for a
     * path that is refused.
     */
    public static String normalized(String raw) {
        if (!needsWork(raw)) {
            return raw;
        }
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (raw.indexOf('\\') >= 0 || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            throw new IllegalArgumentException("The path holds an encoded slash, a backslash or a NUL.");
        }
        String decodedDots = lower.contains("%2e") ? raw.replace("%2e", ".").replace("%2E", ".") : raw;
        String[] segments = decodedDots.split("/", -1);
        StringBuilder out = new StringBuilder(raw.length());
        java.util.ArrayList<Integer> starts = new java.util.ArrayList<>();
        // segments[0] is what precedes the leading slash (empty); the last one decides the trailing slash.
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !starts.isEmpty()) {
                    out.setLength(starts.remove(starts.size() - 1));
                }
                if (last) {
                    out.append('/');
                }
            } else if (segment.isEmpty() && !last) {
                continue;
            } else {
                starts.add(out.length());
                out.append('/').append(segment);
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static boolean needsWork(String raw) {
        return raw.contains("//") || raw.contains("/.") || raw.indexOf('%') >= 0 || raw.indexOf('\\') >= 0;
    }
}
