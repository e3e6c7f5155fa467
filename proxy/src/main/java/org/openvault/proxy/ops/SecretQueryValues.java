package org.openvault.proxy.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the values of query parameters that grant access, in a request target or a URL (a Referer), before they are
 * written to a log: a draft-preview link ({@code /preview?…&token=…}, {@code /api/v2/page_preview/…?token=…}) opens
 * the unpublished page to whoever reads the log.
 */
final class SecretQueryValues {

    static final String HIDDEN = "REDACTED";
    private static final Set<String> SECRET_NAMES = Set.of("token");

    private SecretQueryValues() {
    }

    static String hide(String target) {
        int question = target.indexOf('?');
        if (question < 0) {
            return target;
        }
        int fragment = target.indexOf('#', question);
        String query = fragment < 0 ? target.substring(question + 1) : target.substring(question + 1, fragment);
        StringBuilder out = new StringBuilder(target.length()).append(target, 0, question + 1);
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq >= 0 && SECRET_NAMES.contains(name(pair.substring(0, eq)))) {
                out.append(pair, 0, eq + 1).append(HIDDEN);
            } else {
                out.append(pair);
            }
            if (i < pairs.length - 1) {
                out.append('&');
            }
        }
        return fragment < 0 ? out.toString() : out.append(target, fragment, target.length()).toString();
    }

    // As the backend reads it: percent-decoded, so "%74oken" is "token" too.
    private static String name(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return raw.toLowerCase(Locale.ROOT);
        }
    }
}
