package org.openvault.backend.pages;

/**
 * The fields every page has (Wagtail's core Page), as the API shows them. Datetimes are already formatted
 * (ISO-8601 UTC with microseconds and Z). {@code parent} and {@code aliasOf} are null when not publicly visible.
 */
public record PageRow(int id, String type, String slug, String title, String urlPath, String siteRootPath,
                      boolean showInMenus, String seoTitle, String searchDescription,
                      String firstPublishedAt, String lastPublishedAt, PageRef parent, PageRef aliasOf)
        implements PageContent {

    @Override
    public PageRow page() {
        return this;
    }

    /** The public URL path relative to the site root (Home is {@code /}), or null outside the site. */
    public String sitePath() {
        return PageRef.sitePath(urlPath, siteRootPath);
    }
}
