package org.openvault.backend.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.openvault.backend.database.Statements;
import org.openvault.backend.pages.PageRepository;

/** The SQL of accounts. Every method takes the statements to run on, so it can run inside the caller's transaction. */
public final class UserRepository {

    private static final String TS = PageRepository.TS;
    private static final String COLUMNS = "u.id, u.username, u.email, u.display_name, u.role, u.active, "
            + TS.formatted("u.created_at") + " AS created_at, " + TS.formatted("u.last_login_at") + " AS last_login_at";

    /** An account with its password hash, for logging in. */
    public record Credentials(User user, String passwordHash) {
    }

    /** The fields an administrator sets on a new account. */
    public record NewUser(String username, String email, String displayName, Role role, String passwordHash) {
    }

    public Optional<User> find(Statements db, long id) {
        return db.one("SELECT " + COLUMNS + " FROM app_user u WHERE u.id = ?", UserRepository::user, id);
    }

    public Optional<Credentials> credentials(Statements db, String username) {
        return db.one("SELECT " + COLUMNS + ", u.password_hash FROM app_user u WHERE lower(u.username) = lower(?)",
                rs -> new Credentials(user(rs), rs.getString("password_hash")), username);
    }

    /** Whether the username is taken; holds a lock on the name until the transaction ends, so two creations queue. */
    public boolean usernameTaken(Statements db, String username) {
        db.one("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('ov.username:' || lower(?)))) l", rs -> true,
                username);
        return db.one("SELECT 1 FROM app_user WHERE lower(username) = lower(?)", rs -> true, username).isPresent();
    }

    public User create(Statements db, NewUser user) {
        long id = db.one("INSERT INTO app_user (username, email, display_name, role, password_hash)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong("id"),
                user.username(), user.email(), user.displayName(), user.role().key(), user.passwordHash())
                .orElseThrow();
        return find(db, id).orElseThrow();
    }

    /** Changes the profile fields and answers the account as it now is. */
    public Optional<User> update(Statements db, long id, String email, String displayName, Role role, boolean active) {
        long changed = db.update("UPDATE app_user SET email = ?, display_name = ?, role = ?, active = ?, updated_at = now()"
                + " WHERE id = ?", email, displayName, role.key(), active, id);
        return changed == 0 ? Optional.empty() : find(db, id);
    }

    public void setPasswordHash(Statements db, long id, String passwordHash) {
        db.update("UPDATE app_user SET password_hash = ?, updated_at = now() WHERE id = ?", passwordHash, id);
    }

    public void recordLogin(Statements db, long id) {
        db.update("UPDATE app_user SET last_login_at = now() WHERE id = ?", id);
    }

    /**
     * Active administrators other than {@code exceptId}: an account change must not leave none. Their rows stay
     * locked until the transaction ends, so two administrators demoting each other at once cannot both succeed.
     */
    public long otherActiveAdministrators(Statements db, long exceptId) {
        return db.one("SELECT count(*) FROM (SELECT id FROM app_user WHERE role = 'administrator' AND active"
                + " AND id <> ? FOR UPDATE) a", rs -> rs.getLong(1), exceptId).orElse(0L);
    }

    public long count(Statements db) {
        return db.one("SELECT count(*) FROM app_user", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Accounts ordered by username, optionally only those whose username, name or email contains {@code search}. */
    public List<User> list(Statements db, String search, int limit, int offset) {
        String pattern = search == null ? null : "%" + search.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.list("SELECT " + COLUMNS + " FROM app_user u"
                + " WHERE CAST(? AS text) IS NULL OR lower(u.username || ' ' || u.display_name || ' ' || u.email) LIKE ?"
                + " ORDER BY lower(u.username) LIMIT ? OFFSET ?",
                UserRepository::user, pattern, pattern, limit, offset);
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
                rs.getString("display_name"), Role.fromKey(rs.getString("role")).orElseThrow(),
                rs.getBoolean("active"), rs.getString("created_at"), rs.getString("last_login_at"));
    }
}
