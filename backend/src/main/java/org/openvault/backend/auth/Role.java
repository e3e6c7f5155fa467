package org.openvault.backend.auth;

import java.util.Locale;
import java.util.Optional;

/** What an account may do, each role including everything the one before it may. */
public enum Role {
    /** Writes drafts of pages, uploads images, edits authors. */
    EDITOR,
    /** Also publishes, unpublishes, schedules, moves and deletes. */
    MODERATOR,
    /** Also manages users and tokens, reads the audit log and edits raw html blocks. */
    ADMINISTRATOR;

    public boolean mayUse(Permission permission) {
        return compareTo(permission.minimumRole()) >= 0;
    }

    /** The name as stored and shown ({@code editor}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
