package org.openvault.backend.database;

import java.sql.SQLException;

/** PostgreSQL's SQLSTATE codes of a failure, and what they mean for the request that hit them. */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String CHECK_VIOLATION = "23514";
    /** Class 22: a value the column cannot hold (NUL in text, a number out of range, bad input syntax). */
    public static final String DATA_EXCEPTION_CLASS = "22";

    private SqlStates() {
    }

    /** The SQLSTATE of the first {@link SQLException} in the cause chain, or "" when there is none. */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /**
     * Failures of the moment rather than of the request: connection lost or refused (class 08), server shutting down
     * or restarting (57P), too many connections (53300), statement or lock timeout (57014, 55P03), serialization
     * conflict or deadlock (40001, 40P01). Retrying later can succeed.
     */
    public static boolean isTransient(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.equals("53300") || state.equals("57014")
                || state.equals("55P03") || state.equals("40001") || state.equals("40P01");
    }

    /** The name of the constraint a failed statement broke, or "" ({@code page_slug_unique_among_siblings}). */
    public static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException ps && ps.getServerErrorMessage() != null) {
                String name = ps.getServerErrorMessage().getConstraint();
                return name == null ? "" : name;
            }
        }
        return "";
    }
}
