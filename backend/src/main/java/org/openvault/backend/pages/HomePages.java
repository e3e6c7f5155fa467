package org.openvault.backend.pages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;

/** {@code home.HomePage}: served by the pages endpoint only. */
public final class HomePages implements PageKind<HomePage> {

    public static final HomePages KIND = new HomePages();

    private final Shape<HomePage> shape = PageShapes.<HomePage>common("pages")
            .body("body", HomePage::body)
            .build();

    private HomePages() {
    }

    @Override
    public String typeName() {
        return "home.HomePage";
    }

    @Override
    public String modelName() {
        return "HomePage";
    }

    @Override
    public String endpoint() {
        return "pages";
    }

    @Override
    public String columns(boolean detail) {
        return ", coalesce(h.body, '') AS home_body";
    }

    @Override
    public String joins() {
        return "LEFT JOIN home_page h ON h.page_id = p.id";
    }

    @Override
    public Map<String, Column> ownColumns() {
        return Map.of("body", Column.text("coalesce(h.body, '')"));
    }

    @Override
    public HomePage read(PageRow page, ResultSet rs, boolean detail) throws SQLException {
        return new HomePage(page, rs.getString("home_body"));
    }

    @Override
    public Shape<HomePage> shape() {
        return shape;
    }

    @Override
    public Set<String> listingDefaults() {
        return PageShapes.PAGE_LISTING_DEFAULTS;
    }
}
