package org.openvault.backend.database;

import java.sql.SQLException;

/** No connection could be had from the pool: the database is down or overloaded. Answered with 503. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(SQLException cause) {
        super("Database unavailable: " + cause.getMessage(), cause);
    }
}
