package org.openvault.backend.admin;

import io.helidon.webserver.http.ServerRequest;

/**
 * Numbers in admin URLs, one rule for all: an id in the path that is not a positive integer names nothing (404), a
 * number in the query that is not one is a bad request (400) naming the parameter.
 */
public final class AdminParameters {

    private AdminParameters() {
    }

    /** The path parameter {@code name} as a positive id; anything else, or beyond {@code max}, is 404 "no such …". */
    public static long pathId(ServerRequest req, String name, long max, String thing) {
        String raw = req.path().pathParameters().get(name);
        long id = positiveOrZero(raw);
        if (id <= 0 || id > max) {
            throw AdminProblem.notFound("no such " + thing);
        }
        return id;
    }

    /** An id of an {@code integer} column (pages, images). */
    public static int intPathId(ServerRequest req, String name, String thing) {
        return (int) pathId(req, name, Integer.MAX_VALUE, thing);
    }

    /** A query parameter that must be a positive integer; 400 {@code invalid_parameter} otherwise. */
    public static long positiveQueryNumber(String raw, String name) {
        long n = positiveOrZero(raw);
        if (n <= 0) {
            throw AdminProblem.badRequest("invalid_parameter", name + " must be a positive integer");
        }
        return n;
    }

    private static long positiveOrZero(String raw) {
        try {
            return Math.max(0, Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
