package org.openvault.backend.database;

import java.sql.SQLException;

/**
 * A statement (or a commit) failed in the database. The {@link SQLException} is the cause, so {@link SqlStates#of}
 * finds its SQLSTATE: a lost connection is answered 503, a broken constraint 409, anything else 500.
 */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super("Statement failed (SQLSTATE " + cause.getSQLState() + "): " + cause.getMessage(), cause);
    }
}
