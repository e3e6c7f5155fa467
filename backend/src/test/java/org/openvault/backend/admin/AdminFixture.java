package org.openvault.backend.admin;

import java.util.Locale;

import org.openvault.backend.auth.PasswordHasher;
import org.openvault.backend.auth.Role;
import org.openvault.backend.auth.SessionSecrets;
import org.openvault.testing.TestDatabase;

/**
 * Accounts for admin API tests, written straight into the test database: every account has {@link #PASSWORD}
 * (hashed once per JVM) and, on request, a bearer token, so tests need not pay an argon2 hash per login.
 * Usernames must be unique in the JVM (all test classes share one database): prefix them with the test's name.
 */
public final class AdminFixture {

    public static final String PASSWORD = "correct horse battery staple 42";

    private static String passwordHash;

    private AdminFixture() {
    }

    private static synchronized String passwordHash() {
        if (passwordHash == null) {
            passwordHash = new PasswordHasher(1, java.time.Duration.ofSeconds(10)).hash(PASSWORD);
        }
        return passwordHash;
    }

    /** Creates an account with {@link #PASSWORD}; answers its id. */
    public static long createUser(TestDatabase db, String username, Role role) {
        db.execute("INSERT INTO app_user (username, email, display_name, role, password_hash) VALUES ('" + username
                + "', '" + username + "@example.org', 'User " + username + "', '" + role.name().toLowerCase(Locale.ROOT)
                + "', '" + passwordHash() + "')");
        return db.queryLong("SELECT id FROM app_user WHERE username = '" + username + "'");
    }

    /** Creates an account and a bearer token for it, valid for a day; answers the token. */
    public static String tokenFor(TestDatabase db, String username, Role role) {
        long id = createUser(db, username, role);
        return tokenFor(db, id);
    }

    /** A new bearer token, valid for a day, for an existing account. */
    public static String tokenFor(TestDatabase db, long userId) {
        String token = SessionSecrets.newSecret(SessionSecrets.TOKEN_PREFIX);
        db.execute("INSERT INTO auth_session (user_id, kind, secret_hash, name, expires_at) VALUES (" + userId
                + ", 'token', sha256(convert_to('" + token + "', 'UTF8')), 'test', now() + interval '1 day')");
        return token;
    }

    /**
     * Deletes the pages that accounts whose username starts with {@code prefix} created, so that a test class leaves
     * the shared database's public listings as it found them.
     */
    public static void removePagesOf(TestDatabase db, String prefix) {
        db.execute("DELETE FROM page WHERE owner_id IN (SELECT id FROM app_user WHERE username LIKE '" + prefix + "%')");
    }

    /**
     * Makes every active administrator but {@code keepId} inactive (test classes share one database, so a test of
     * the last-administrator rule needs the others out of the way); answers their ids for {@link #reactivate}.
     */
    public static java.util.List<Long> deactivateOtherAdministrators(TestDatabase db, long keepId) {
        java.util.List<Long> others = new java.util.ArrayList<>();
        try (java.sql.Connection connection = db.connect(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("UPDATE app_user SET active = false"
                     + " WHERE role = 'administrator' AND active AND id <> " + keepId + " RETURNING id")) {
            while (rows.next()) {
                others.add(rows.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return others;
    }

    /** Makes these accounts active again. */
    public static void reactivate(TestDatabase db, java.util.List<Long> ids) {
        if (!ids.isEmpty()) {
            db.execute("UPDATE app_user SET active = true WHERE id IN ("
                    + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
    }
}
