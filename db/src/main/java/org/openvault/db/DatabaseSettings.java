package org.openvault.db;

import java.util.Map;

/**
 * Where the database is: a JDBC URL, a user and a password.
 * Read from command-line flags first, then from the OV_DB_* environment variables.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/openvault";

    static DatabaseSettings from(Map<String, String> flags, Map<String, String> env) {
        return new DatabaseSettings(
                flags.getOrDefault("url", env.getOrDefault("OV_DB_URL", DEFAULT_URL)),
                flags.getOrDefault("user", env.getOrDefault("OV_DB_USER", "postgres")),
                flags.getOrDefault("password", env.getOrDefault("OV_DB_PASSWORD", "")));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + "]";
    }
}
