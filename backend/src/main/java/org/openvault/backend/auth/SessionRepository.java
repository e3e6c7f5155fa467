package org.openvault.backend.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.database.Statements;
import org.openvault.backend.pages.PageRepository;

/** The SQL of sessions and bearer tokens: found by the hash of their secret, valid until expiry or revocation. */
public final class SessionRepository {

    private static final String TS = PageRepository.TS;

    /** A session or token that is valid now, with its account. */
    public record ActiveSession(long id, Caller.SessionKind kind, String csrfToken, long userId, String username,
                                Role role) {
    }

    /** A new session or token as stored: its id and expiry (ISO-8601 UTC). */
    public record Created(long id, String expiresAt) {
    }

    public Created create(Statements db, long userId, Caller.SessionKind kind, byte[] secretHash, String csrfToken,
                          String name, long lifetimeSeconds, Long createdBy, String clientAddress) {
        return db.one("INSERT INTO auth_session (user_id, kind, secret_hash, csrf_token, name, expires_at, created_by,"
                                + " client_address) VALUES (?, ?, ?, ?, ?, now() + make_interval(secs => ?), ?, ?)"
                                + " RETURNING id, " + TS.formatted("expires_at") + " AS expires_at",
                        rs -> new Created(rs.getLong("id"), rs.getString("expires_at")),
                        userId, kindKey(kind), secretHash, csrfToken, name, (double) lifetimeSeconds, createdBy,
                        clientAddress)
                .orElseThrow();
    }

    /** The valid session of that kind whose secret has this hash, if its account is active. */
    public Optional<ActiveSession> findActive(Statements db, Caller.SessionKind kind, byte[] secretHash) {
        return db.one("SELECT s.id, s.csrf_token, u.id AS user_id, u.username, u.role FROM auth_session s"
                        + " JOIN app_user u ON u.id = s.user_id"
                        + " WHERE s.secret_hash = ? AND s.kind = ? AND s.revoked_at IS NULL AND s.expires_at > now()"
                        + " AND u.active",
                rs -> new ActiveSession(rs.getLong("id"), kind, rs.getString("csrf_token"), rs.getLong("user_id"),
                        rs.getString("username"), Role.fromKey(rs.getString("role")).orElseThrow()),
                secretHash, kindKey(kind));
    }

    /** Notes a use, at most once a minute per session so that reads do not each write. */
    public void touch(Statements db, long id) {
        db.update("UPDATE auth_session SET last_used_at = now() WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", id);
    }

    /** Revokes one session or token; answers whether it was valid until now. */
    public boolean revoke(Statements db, long id) {
        return db.update("UPDATE auth_session SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) > 0;
    }

    /** Revokes every session and token of an account except {@code keepId} (a password change keeps the current one). */
    public long revokeAllOf(Statements db, long userId, long keepId) {
        return db.update("UPDATE auth_session SET revoked_at = now() WHERE user_id = ? AND id <> ? AND revoked_at IS NULL",
                userId, keepId);
    }

    /** Bearer tokens, newest first, never with their secret. */
    public List<Map<String, Object>> tokens(Statements db, int limit, int offset) {
        return db.list("SELECT s.id, s.name, s.user_id, u.username, "
                + TS.formatted("s.created_at") + " AS created_at, " + TS.formatted("s.expires_at") + " AS expires_at, "
                + TS.formatted("s.last_used_at") + " AS last_used_at, " + TS.formatted("s.revoked_at") + " AS revoked_at,"
                + " (s.revoked_at IS NULL AND s.expires_at > now()) AS valid"
                + " FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE s.kind = 'token'"
                + " ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?", SessionRepository::token, limit, offset);
    }

    public Optional<Map<String, Object>> token(Statements db, long id) {
        return db.one("SELECT s.id, s.name, s.user_id, u.username, "
                + TS.formatted("s.created_at") + " AS created_at, " + TS.formatted("s.expires_at") + " AS expires_at, "
                + TS.formatted("s.last_used_at") + " AS last_used_at, " + TS.formatted("s.revoked_at") + " AS revoked_at,"
                + " (s.revoked_at IS NULL AND s.expires_at > now()) AS valid"
                + " FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE s.kind = 'token' AND s.id = ?",
                SessionRepository::token, id);
    }

    /** Drops sessions and tokens that ended more than a day ago. */
    public long purgeEnded(Statements db) {
        return db.update("DELETE FROM auth_session WHERE expires_at < now() - interval '1 day'"
                + " OR revoked_at < now() - interval '1 day'");
    }

    private static Map<String, Object> token(ResultSet rs) throws SQLException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rs.getLong("id"));
        json.put("name", rs.getString("name"));
        json.put("user", Map.of("id", rs.getLong("user_id"), "username", rs.getString("username")));
        json.put("created_at", rs.getString("created_at"));
        json.put("expires_at", rs.getString("expires_at"));
        json.put("last_used_at", rs.getString("last_used_at"));
        json.put("revoked_at", rs.getString("revoked_at"));
        json.put("valid", rs.getBoolean("valid"));
        return json;
    }

    private static String kindKey(Caller.SessionKind kind) {
        return kind == Caller.SessionKind.COOKIE ? "cookie" : "token";
    }
}
