package org.openvault.backend.database;

import io.helidon.dbclient.DbRow;

/** Reading columns of a Helidon {@link DbRow} as plain values; SQL NULL stays null. */
public final class Rows {

    private Rows() {
    }

    public static String text(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : value.toString();
    }

    public static Long nullableLong(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : ((Number) value).longValue();
    }

    public static long longValue(DbRow row, String column) {
        return ((Number) row.column(column).asOptional().orElse(null)).longValue();
    }

    public static Integer nullableInt(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : ((Number) value).intValue();
    }

    public static int intValue(DbRow row, String column) {
        return ((Number) row.column(column).asOptional().orElse(null)).intValue();
    }

    public static boolean bool(DbRow row, String column) {
        return Boolean.TRUE.equals(row.column(column).asOptional().orElse(null));
    }
}
