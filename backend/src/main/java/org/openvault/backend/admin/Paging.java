package org.openvault.backend.admin;

import io.helidon.common.parameters.Parameters;

/** {@code limit} (1–500, default 50) and {@code offset} of admin listings. */
public record Paging(int limit, int offset) {

    public static final int MAX_LIMIT = 500;

    public static Paging of(Parameters query) {
        return new Paging(number(query, "limit", 50, 1, MAX_LIMIT), number(query, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static int number(Parameters query, String name, int fallback, int min, int max) {
        if (!query.contains(name)) {
            return fallback;
        }
        String raw = query.get(name);
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminProblem.badRequest("invalid_parameter", name + " must be an integer from " + min + " to " + max);
    }
}
