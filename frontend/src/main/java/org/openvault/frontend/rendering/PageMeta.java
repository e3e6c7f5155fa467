package org.openvault.frontend.rendering;

/**
 * The head of one page: title, description, canonical path, OpenGraph type and image (absolute or null for the
 * default) and whether robots should skip it.
 */
public record PageMeta(String title, String description, String path, String ogType, String ogImage,
                       boolean noindex) {

    public static final String SITE_NAME = "GBH Open Vault";
    public static final String DEFAULT_DESCRIPTION =
            "Explore scholar exhibits and special collections from the GBH Archives on GBH Open Vault.";

    /** A site page titled "{name} | GBH Open Vault" (or just the site name), type website. */
    public static PageMeta of(String name, String description, String path) {
        return new PageMeta(name == null || name.isBlank() ? SITE_NAME : name + " | " + SITE_NAME,
                description == null || description.isBlank() ? DEFAULT_DESCRIPTION : description, path, "website",
                null, false);
    }

    public PageMeta article(String image) {
        return new PageMeta(title, description, path, "article", image, noindex);
    }

    public PageMeta noindexed() {
        return new PageMeta(title, description, path, ogType, ogImage, true);
    }
}
