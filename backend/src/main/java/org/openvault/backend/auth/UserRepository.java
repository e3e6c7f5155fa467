package org.openvault.backend.auth;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.openvault.backend.database.Rows;
import org.openvault.backend.pages.PageRepository;

/** The SQL of accounts. Every method takes the statement executor, so it can run inside the caller's transaction. */
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

    public Optional<User> find(DbExecute db, long id) {
        return db.get("SELECT " + COLUMNS + " FROM app_user u WHERE u.id = ?", id).map(UserRepository::user);
    }

    public Optional<Credentials> credentials(DbExecute db, String username) {
        return db.get("SELECT " + COLUMNS + ", u.password_hash FROM app_user u WHERE lower(u.username) = lower(?)",
                        username)
                .map(row -> new Credentials(user(row), Rows.text(row, "password_hash")));
    }

    /** Whether the username is taken; holds a lock on the name until the transaction ends, so two creations queue. */
    public boolean usernameTaken(DbExecute db, String username) {
        db.get("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('ov.username:' || lower(?)))) l",
                username);
        return db.get("SELECT 1 AS found FROM app_user WHERE lower(username) = lower(?)", username).isPresent();
    }

    public User create(DbExecute db, NewUser user) {
        long id = db.get("INSERT INTO app_user (username, email, display_name, role, password_hash)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                user.username(), user.email(), user.displayName(), user.role().key(), user.passwordHash())
                .map(row -> Rows.longValue(row, "id")).orElseThrow();
        return find(db, id).orElseThrow();
    }

    /** Changes the profile fields and answers the account as it now is. */
    public Optional<User> update(DbExecute db, long id, String email, String displayName, Role role, boolean active) {
        long changed = db.update("UPDATE app_user SET email = ?, display_name = ?, role = ?, active = ?, updated_at = now()"
                + " WHERE id = ?", email, displayName, role.key(), active, id);
        return changed == 0 ? Optional.empty() : find(db, id);
    }

    public void setPasswordHash(DbExecute db, long id, String passwordHash) {
        db.update("UPDATE app_user SET password_hash = ?, updated_at = now() WHERE id = ?", passwordHash, id);
    }

    public void recordLogin(DbExecute db, long id) {
        db.update("UPDATE app_user SET last_login_at = now() WHERE id = ?", id);
    }

    /**
     * Active administrators other than {@code exceptId}: an account change must not leave none. Their rows stay
     * locked until the transaction ends, so two administrators demoting each other at once cannot both succeed.
     */
    public long otherActiveAdministrators(DbExecute db, long exceptId) {
        return db.get("SELECT count(*) AS n FROM (SELECT id FROM app_user WHERE role = 'administrator' AND active"
                        + " AND id <> ? FOR UPDATE) a", exceptId)
                .map(row -> Rows.longValue(row, "n")).orElse(0L);
    }

    public long count(DbExecute db) {
        return db.get("SELECT count(*) AS n FROM app_user").map(row -> Rows.longValue(row, "n")).orElse(0L);
    }

    /** Accounts ordered by username, optionally only those whose username, name or email contains {@code search}. */
    public List<User> list(DbExecute db, String search, int limit, int offset) {
        String pattern = search == null ? null : "%" + search.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Stream<DbRow> rows = db.query("SELECT " + COLUMNS + " FROM app_user u"
                        + " WHERE CAST(? AS text) IS NULL OR lower(u.username || ' ' || u.display_name || ' ' || u.email) LIKE ?"
                        + " ORDER BY lower(u.username) LIMIT ? OFFSET ?", pattern, pattern, limit, offset)) {
            return rows.map(UserRepository::user).toList();
        }
    }

    static User user(DbRow row) {
        return new User(Rows.longValue(row, "id"), Rows.text(row, "username"), Rows.text(row, "email"),
                Rows.text(row, "display_name"), Role.fromKey(Rows.text(row, "role")).orElseThrow(),
                Rows.bool(row, "active"), Rows.text(row, "created_at"), Rows.text(row, "last_login_at"));
    }
}
