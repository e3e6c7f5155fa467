package org.openvault.backend.auth;

/** Each thing the admin API guards, with the least role that may do it. Every admin route names one. */
public enum Permission {
    /** Read pages, drafts, revisions, images, authors; see oneself. */
    READ_CONTENT(Role.EDITOR),
    /** Create pages and save drafts (never live), revert to an old revision as a new draft, preview. */
    EDIT_PAGES(Role.EDITOR),
    /** Upload images and edit their title, alt text and focal point. */
    EDIT_IMAGES(Role.EDITOR),
    /** Create and edit authors. */
    EDIT_AUTHORS(Role.EDITOR),
    /** Publish, unpublish and schedule pages. */
    PUBLISH(Role.MODERATOR),
    /** Move pages in the tree (changes live URLs). */
    MOVE_PAGES(Role.MODERATOR),
    /** Delete pages, images and authors. */
    DELETE_CONTENT(Role.MODERATOR),
    /** Create, change and deactivate accounts. */
    MANAGE_USERS(Role.ADMINISTRATOR),
    /** Issue, list and revoke bearer tokens. */
    MANAGE_TOKENS(Role.ADMINISTRATOR),
    /** Read the audit log. */
    READ_AUDIT_LOG(Role.ADMINISTRATOR),
    /** Add or change raw html blocks (their HTML reaches the public site unsanitised). */
    EDIT_HTML_BLOCKS(Role.ADMINISTRATOR);

    private final Role minimumRole;

    Permission(Role minimumRole) {
        this.minimumRole = minimumRole;
    }

    public Role minimumRole() {
        return minimumRole;
    }
}
