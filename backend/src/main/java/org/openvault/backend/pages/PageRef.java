package org.openvault.backend.pages;

/** Another page as a page's {@code meta.parent} or {@code meta.alias_of} shows it. */
public record PageRef(int id, String type, String title, String urlPath, String siteRootPath) {

    static String sitePath(String urlPath, String siteRootPath) {
        if (urlPath == null || siteRootPath == null || !urlPath.startsWith(siteRootPath)) {
            return null;
        }
        return "/" + urlPath.substring(siteRootPath.length());
    }
}
