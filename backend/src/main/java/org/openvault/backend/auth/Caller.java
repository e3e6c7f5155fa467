package org.openvault.backend.auth;

/**
 * Who is calling the admin API: the account, its role, and the session or token that proved it.
 * {@code clientAddress} is where the request came from, for the audit log.
 */
public record Caller(long userId, String username, Role role, long sessionId, SessionKind kind, String clientAddress) {

    public boolean may(Permission permission) {
        return role.mayUse(permission);
    }

    /** How a caller proved who they are. */
    public enum SessionKind {
        /** The web admin's session cookie (unsafe requests also need the CSRF token and a same-origin Origin). */
        COOKIE,
        /** A named bearer token ({@code Authorization: Bearer ov_…}) for scripts. */
        TOKEN
    }
}
