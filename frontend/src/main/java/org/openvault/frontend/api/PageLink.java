package org.openvault.frontend.api;

/** A page as listings show it: enough to link to it. */
public record PageLink(int id, String type, String slug, String title) {

    public static final String EXHIBIT = "exhibits.ExhibitPage";
    public static final String COLLECTION = "ov_collections.Collection";

    /** The site path of this page: exhibits under /exhibits, everything else under /collections. */
    public String href() {
        return (EXHIBIT.equals(type) ? "/exhibits/" : "/collections/") + slug;
    }
}
