package org.openvault.frontend.rendering;

/** What the site shell needs for one page: site settings, the page's meta and its path (for the active nav item). */
public record View(Site site, PageMeta meta, String path) {

    /** {@code aria-current="page"} marker for a nav link when the current path is in its section. */
    public boolean inSection(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    public String asset(String name) {
        return site.assets().url(name);
    }

    public String canonical() {
        return site.absolute(meta.path());
    }

    public String ogImage() {
        return meta.ogImage() != null ? site.absolute(meta.ogImage()) : site.absolute(asset("og-default.png"));
    }

    public int year() {
        return java.time.Year.now().getValue();
    }
}
