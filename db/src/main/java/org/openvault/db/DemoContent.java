package org.openvault.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads the demo content ({@code demo/demo-content.sql}) in one transaction. The script is idempotent.
 */
public final class DemoContent {

    private static final String SCRIPT = "/demo/demo-content.sql";

    private DemoContent() {
    }

    /** Loads the demo content and answers how many pages the database then holds. */
    public static int load(DatabaseSettings settings) {
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            return load(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load demo content into " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    public static int load(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(script());
            connection.commit();
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM page")) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String script() {
        try (InputStream in = DemoContent.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
