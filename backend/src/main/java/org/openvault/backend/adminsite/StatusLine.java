package org.openvault.backend.adminsite;

import java.util.Map;

import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.editing.EditedPage;
import org.openvault.backend.editing.PageState;
import org.openvault.backend.exhibits.ExhibitPages;

/** The edit screen's status line: live or draft, who saved last and when, where the live page is on the site. */
public record StatusLine(String status, String savedBy, String savedAt, String savedAtIso, String publicUrl) {

    private static final String SITE_ROOT = "/home/";
    private static final Map<String, String> STATUSES = Map.of(
            "live", "Live",
            "draft", "Draft",
            "live_with_draft", "Live + draft changes",
            "scheduled", "Scheduled",
            "expired", "Expired");

    static StatusLine of(EditedPage page, String siteUrl) {
        PageState state = page.state();
        String iso = page.latest() == null ? null : page.latest().createdAt();
        String by = page.latest() == null ? null : page.latest().username();
        String url = state.live() ? sitePath(state) : null;
        return new StatusLine(STATUSES.getOrDefault(state.status(), state.status()), by, Labels.time(iso), iso,
                url == null ? null : siteUrl + url);
    }

    /** Where the public site shows the page: exhibits and collections by slug alone, the rest by their tree path. */
    static String sitePath(PageState state) {
        if (state.urlPath() == null || !state.urlPath().startsWith(SITE_ROOT)) {
            return null;
        }
        return switch (state.type()) {
            case ExhibitPages.TYPE -> "/exhibits/" + state.slug();
            case CollectionPages.TYPE -> "/collections/" + state.slug();
            default -> state.urlPath().substring(SITE_ROOT.length() - 1);
        };
    }
}
