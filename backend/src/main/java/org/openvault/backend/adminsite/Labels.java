package org.openvault.backend.adminsite;

import java.util.Map;

/** Words editors read instead of the stored keys: page types, page statuses, times. */
final class Labels {

    private static final Map<String, String> TYPES = Map.of(
            "exhibits.ExhibitPage", "Exhibit",
            "ov_collections.Collection", "Collection",
            "staticpages.StaticPage", "Static page",
            "home.HomePage", "Home",
            "wagtailcore.Page", "Folder");

    private static final Map<String, String> STATUSES = Map.of(
            "live", "Live",
            "draft", "Draft",
            "live_with_draft", "Live + draft",
            "scheduled", "Scheduled",
            "expired", "Expired");

    private static final Map<String, String> PAGE_ACTIONS = Map.of(
            "page.create", "Created",
            "page.save", "Saved a draft of",
            "page.publish", "Published",
            "page.publish_failed", "Could not publish (scheduled)",
            "page.unpublish", "Unpublished",
            "page.schedule", "Scheduled",
            "page.expire", "Expired (scheduled)",
            "page.move", "Moved",
            "page.revert", "Reverted",
            "page.delete", "Deleted");

    private Labels() {
    }

    static String type(String key) {
        return TYPES.getOrDefault(key, key);
    }

    /** What an audit entry about a page says was done ({@code page.publish} → "Published"). */
    static String pageAction(String key) {
        return PAGE_ACTIONS.getOrDefault(key, key);
    }

    static String status(String key) {
        return STATUSES.getOrDefault(key, key);
    }

    /** {@code 2026-03-01T12:34:56.000000Z} → {@code 2026-03-01 12:34 UTC}; null stays null. */
    static String time(String iso) {
        if (iso == null || iso.length() < 16) {
            return iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
    }
}
