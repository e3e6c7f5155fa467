package org.openvault.backend.staticpages;

/** A simple CMS page (about, FAQ, …): its site path ("/credits/openvault"), texts and rich-text body. */
public record StaticPage(int id, String path, String slug, String title, String subtitle, String searchDescription,
                         String body, String lastPublishedAt) {
}
