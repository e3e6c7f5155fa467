package org.openvault.backend.adminsite;

/** An audit entry about a page, for the dashboard: {@code action} in words ("Published"). */
public record Activity(String at, String atIso, String username, String action, String pageId, String title,
                       boolean deleted) {

    /** The page's edit screen, or null when the entry is about a page since deleted. */
    public String link() {
        return deleted || pageId == null ? null : EditPage.editPath(Integer.parseInt(pageId));
    }
}
