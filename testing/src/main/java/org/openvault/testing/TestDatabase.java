package org.openvault.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One throw-away PostgreSQL database for the whole test JVM.
 * <p>
 * Where a Docker engine exists it is a Testcontainers {@code postgres:16-alpine}. Otherwise a uniquely
 * named database is created on the server given by {@code TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code TEST_PG_USER} or postgres)
 * and dropped when the JVM ends.
 */
public final class TestDatabase {

    private static TestDatabase shared;

    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database of this test JVM, created on first use. */
    public static synchronized TestDatabase get() {
        if (shared == null) {
            shared = dockerAvailable() ? inContainer() : onLocalServer();
        }
        return shared;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs statements in one transaction; for test fixtures. */
    public void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String s : sql) {
                statement.execute(s);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Test fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as a long (a count, an id); for test assertions. */
    public long queryLong(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("No row: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Test query failed: " + e.getMessage(), e);
        }
    }

    /**
     * A further empty database on the same server, for a test that must not share this one (it fills it with bulk
     * data or migrates it step by step); the test drops it with {@link #dropScratch}.
     */
    public TestDatabase newScratch() {
        String name = "ov_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a scratch database: " + e.getMessage(), e);
        }
        return new TestDatabase(withDatabase(url, name), user, password);
    }

    /** Drops a database made by {@link #newScratch}, closing its connections first. */
    public void dropScratch(TestDatabase scratch) {
        String name = scratch.url.substring(scratch.url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        drop(url, user, password, name);
    }

    private static String withDatabase(String url, String name) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM ends
    private static TestDatabase inContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static TestDatabase onLocalServer() {
        String serverUrl = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("TEST_PG_PASSWORD", "");
        String name = "ov_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("No Docker engine and no PostgreSQL at " + serverUrl
                    + " to create a test database on: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name)));
        return new TestDatabase(withDatabase(serverUrl, name), user, password);
    }

    private static void drop(String serverUrl, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
