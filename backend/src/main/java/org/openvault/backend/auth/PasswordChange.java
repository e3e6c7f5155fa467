package org.openvault.backend.auth;

import java.util.Map;

import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;

/**
 * Sets an account's password, whoever does it (the owner or an administrator): the new hash, the end of every other
 * session and token of the account, and the audit entry, in one transaction.
 */
public final class PasswordChange {

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final AuditLog audit;

    public PasswordChange(Sql sql, UserRepository users, SessionRepository sessions, AuditLog audit) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    public void apply(Caller caller, long userId, String username, String passwordHash) {
        sql.inTransaction(tx -> {
            users.setPasswordHash(tx, userId, passwordHash);
            // A new password is for a forgotten or leaked one: whoever holds the old sessions is shut out, the
            // caller's own session stays.
            sessions.revokeAllOf(tx, userId, caller.userId() == userId ? caller.sessionId() : -1);
            audit.record(tx, caller, "user.password", new AuditLog.Subject("user", userId, username), Map.of());
            return null;
        });
    }
}
