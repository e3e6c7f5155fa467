package org.openvault.db;

import java.time.Duration;
import java.util.Map;

/**
 * Where the database is: a JDBC URL, a user and a password; and how long a migration waits for a lock before it fails.
 * Read from command-line flags first, then from the OV_DB_* environment variables.
 */
public record DatabaseSettings(String url, String user, String password, Duration lockTimeout) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/openvault";

    /**
     * A migration that waits for a table the running backends are reading queues every later reader behind it: it
     * gives up after this long instead (the job fails and can be run again).
     */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseSettings(String url, String user, String password) {
        this(url, user, password, DEFAULT_LOCK_TIMEOUT);
    }

    static DatabaseSettings from(Map<String, String> flags, Map<String, String> env) {
        String lockTimeout = flags.getOrDefault("lock-timeout-seconds", env.get("OV_DB_LOCK_TIMEOUT_SECONDS"));
        return new DatabaseSettings(
                flags.getOrDefault("url", env.getOrDefault("OV_DB_URL", DEFAULT_URL)),
                flags.getOrDefault("user", env.getOrDefault("OV_DB_USER", "postgres")),
                flags.getOrDefault("password", env.getOrDefault("OV_DB_PASSWORD", "")),
                lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : Duration.ofSeconds(Long.parseLong(lockTimeout)));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", lockTimeout=" + lockTimeout + "]";
    }
}
