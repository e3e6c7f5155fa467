package org.openvault.backend.editing;

/**
 * A page row as the editing rules need it, read under a row lock. Times are ISO-8601 UTC or null.
 * {@code latestRevisionId} is null for pages that never had a revision (content loaded by SQL).
 */
public record PageState(int id, String type, Integer parentId, String slug, String title, String urlPath, boolean live,
                        boolean hasUnpublishedChanges, boolean expired, Long latestRevisionId, Long liveRevisionId,
                        String firstPublishedAt, String lastPublishedAt, String goLiveAt, String expireAt) {

    /** The root of the tree (id 1) and the site's home (id 3) cannot be deleted or moved. */
    public boolean isProtected() {
        return id == 1 || id == 3;
    }

    /** The entity tag of the page's latest revision: what a writer must send back in {@code If-Match}. */
    public String etag() {
        return "\"r" + (latestRevisionId == null ? 0 : latestRevisionId) + "\"";
    }

    /** Live, draft, live with newer draft changes, scheduled or expired: what the explorer shows. */
    public String status() {
        if (goLiveAt != null) {
            return "scheduled";
        }
        if (live) {
            return hasUnpublishedChanges ? "live_with_draft" : "live";
        }
        return expired ? "expired" : "draft";
    }
}
