package org.openvault.backend.adminsite;

import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;

/**
 * The editor a page is rendered for: their name, role, the session's CSRF token (for the forms) and the caller the
 * editing services act for.
 */
public record SignedIn(long userId, String name, String role, String csrf, Caller caller) {

    public boolean administrator() {
        return "administrator".equals(role);
    }

    /** Whether the role may do this: pages show only the buttons the editor may use. */
    public boolean may(Permission permission) {
        return caller.may(permission);
    }
}
