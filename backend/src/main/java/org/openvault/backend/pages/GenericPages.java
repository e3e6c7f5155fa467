package org.openvault.backend.pages;

/** Any page, whatever its type, with only the fields every page has (the pages listing without {@code type}). */
public final class GenericPages {

    public static final PageKind<PageRow> KIND = PageKind.<PageRow>builder(null, "Page", "pages")
            .build(PageShapes.<PageRow>common("pages").build(), (page, rs, detail) -> page);

    private GenericPages() {
    }
}
