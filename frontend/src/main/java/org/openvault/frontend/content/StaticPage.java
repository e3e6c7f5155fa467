package org.openvault.frontend.content;

/**
 * A page editors write in the CMS at a site path (/about, /credits/vietnam, …): its path (null when the backend did
 * not say), title, subtitle, search description, cleaned body HTML and last publication (null when unknown).
 */
public record StaticPage(String path, String title, String subtitle, String description, String bodyHtml,
                         String lastPublished) {
}
