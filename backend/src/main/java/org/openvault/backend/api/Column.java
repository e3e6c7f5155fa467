package org.openvault.backend.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.LocalDateTime;
import java.time.LocalDate;

/**
 * A database field the API can filter and order by: the SQL expression (a fixed string from our code, never from
 * the request) and its type, which decides how a filter value is parsed.
 */
public record Column(String sql, Type type) {

    public enum Type { TEXT, BOOLEAN, INTEGER, TIMESTAMP }

    public static Column text(String sql) {
        return new Column(sql, Type.TEXT);
    }

    public static Column bool(String sql) {
        return new Column(sql, Type.BOOLEAN);
    }

    public static Column integer(String sql) {
        return new Column(sql, Type.INTEGER);
    }

    public static Column timestamp(String sql) {
        return new Column(sql, Type.TIMESTAMP);
    }

    /**
     * The SQL condition and its parameter for {@code ?name=value}, with Wagtail's error messages. An integer that
     * does not fit the column matches nothing rather than failing.
     */
    public Condition condition(String name, String value) {
        return switch (type) {
            case TEXT -> new Condition(sql + " = ?", value);
            case BOOLEAN -> new Condition(sql + " = ?", parseBoolean(name, value));
            case INTEGER -> {
                long n = parseInteger(name, value);
                yield n < Integer.MIN_VALUE || n > Integer.MAX_VALUE
                        ? new Condition("false", null)
                        : new Condition(sql + " = ?", (int) n);
            }
            case TIMESTAMP -> new Condition(sql + " = ?", parseTimestamp(name, value));
        };
    }

    /** A WHERE condition with at most one parameter. */
    public record Condition(String sql, Object parameter) {
    }

    public static boolean parseBoolean(String name, String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw filterError(value, name, "expected 'true' or 'false', got '" + value + "'");
        };
    }

    public static long parseInteger(String name, String value) {
        String digits = value.strip().replace("_", "");
        try {
            if (digits.length() > 18) {
                return new java.math.BigInteger(digits).signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        } catch (NumberFormatException e) {
            throw filterError(value, name, "invalid literal for int() with base 10: '" + value + "'");
        }
    }

    /** A non-negative integer as Python's int() reads it, or -1. */
    public static long parseIntegerOrMinusOne(String value) {
        try {
            long n = parseInteger("", value);
            return n < 0 || n > Integer.MAX_VALUE ? -1 : n;
        } catch (ApiException e) {
            return -1;
        }
    }

    private static OffsetDateTime parseTimestamp(String name, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw filterError(value, name, "'" + value + "' value has an invalid format."
                            + " It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.");
                }
            }
        }
    }

    private static ApiException filterError(String value, String name, String reason) {
        return ApiException.badRequest("field filter error. '" + value + "' is not a valid value for " + name
                + " (" + reason + ")");
    }
}
