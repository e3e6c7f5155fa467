package org.openvault.backend.adminsite;

/**
 * What the author form shows: the author (id 0 while it is new), the etag it was loaded from, what was typed, the
 * messages, a notice, and who saved it meanwhile when the save was refused as stale.
 */
public record AuthorForm(long id, String etag, String name, String bio, String imageId, FormProblems problems,
                         String notice, String stale) {

    public boolean isNew() {
        return id == 0;
    }

    public String action() {
        return isNew() ? "/admin/authors/new" : "/admin/authors/" + id;
    }
}
