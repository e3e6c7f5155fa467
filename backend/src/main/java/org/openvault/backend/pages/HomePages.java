package org.openvault.backend.pages;

import java.util.Map;

import org.openvault.backend.api.Column;

/** {@code home.HomePage}: served by the pages endpoint only. */
public final class HomePages {

    public static final PageKind<HomePage> KIND = PageKind.<HomePage>builder("home.HomePage", "HomePage", "pages")
            .columns(", coalesce(h.body, '') AS home_body", "")
            .joins("LEFT JOIN home_page h ON h.page_id = p.id")
            .ownColumns(Map.of("body", Column.text("coalesce(h.body, '')")))
            .build(PageShapes.<HomePage>common("pages").body("body", HomePage::body).build(),
                    (page, rs, detail) -> new HomePage(page, rs.getString("home_body")));

    private HomePages() {
    }
}
