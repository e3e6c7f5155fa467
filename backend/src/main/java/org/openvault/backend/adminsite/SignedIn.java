package org.openvault.backend.adminsite;

/** The editor a page is rendered for: their name, role and the session's CSRF token (for the logout form). */
public record SignedIn(long userId, String name, String role, String csrf) {

    public boolean administrator() {
        return "administrator".equals(role);
    }
}
