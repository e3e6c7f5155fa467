package org.openvault.backend.search;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.common.uri.UriQuery;
import org.openvault.backend.api.ApiException;
import org.openvault.backend.api.ListingParameters;

/** Reading and checking the query parameters of the search endpoints; problems become 400s ({@link ApiException}). */
public final class QueryParameters {

    static final Set<Integer> PAGE_SIZES = Set.of(5, 10, 20, 50);
    static final int DEFAULT_PAGE_SIZE = 10;

    private QueryParameters() {
    }

    /** Rejects parameters that are not in {@code known}, with the API's usual message. */
    public static void onlyKnown(UriQuery query, Set<String> known) {
        ListingParameters.rejectUnknown(query.names(), name -> known.contains(name)
                || (known.contains("types[]") && name.matches("types\\[\\d*]")));
    }

    public static Optional<String> single(UriQuery query, String name) {
        if (!query.contains(name)) {
            return Optional.empty();
        }
        List<String> values = query.all(name);
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " must be given once");
        }
        return Optional.of(values.getFirst());
    }

    public static int page(UriQuery query) {
        return single(query, "page").map(v -> positive("page", v, 1_000_000)).orElse(1);
    }

    public static int perPage(UriQuery query) {
        return single(query, "per_page").map(v -> {
            int n = positive("per_page", v, Integer.MAX_VALUE);
            if (!PAGE_SIZES.contains(n)) {
                throw ApiException.badRequest("per_page must be one of 5, 10, 20, 50");
            }
            return n;
        }).orElse(DEFAULT_PAGE_SIZE);
    }

    public static boolean bool(UriQuery query, String name) {
        return single(query, name).map(v -> switch (v) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + v + "'");
        }).orElse(false);
    }

    private static int positive(String name, String value, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + " must be a positive integer" + (max < Integer.MAX_VALUE ? " up to " + max : ""));
    }
}
