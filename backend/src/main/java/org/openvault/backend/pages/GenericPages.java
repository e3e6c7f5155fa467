package org.openvault.backend.pages;

import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;

/** Any page, whatever its type, with only the fields every page has (the pages listing without {@code type}). */
public final class GenericPages implements PageKind<PageRow> {

    public static final GenericPages KIND = new GenericPages();

    private final Shape<PageRow> shape = PageShapes.<PageRow>common("pages").build();

    private GenericPages() {
    }

    @Override
    public String typeName() {
        return null;
    }

    @Override
    public String modelName() {
        return "Page";
    }

    @Override
    public String endpoint() {
        return "pages";
    }

    @Override
    public String columns(boolean detail) {
        return "";
    }

    @Override
    public String joins() {
        return "";
    }

    @Override
    public Map<String, Column> ownColumns() {
        return Map.of();
    }

    @Override
    public PageRow read(PageRow page, ResultSet rs, boolean detail) {
        return page;
    }

    @Override
    public Shape<PageRow> shape() {
        return shape;
    }

    @Override
    public Set<String> listingDefaults() {
        return PageShapes.PAGE_LISTING_DEFAULTS;
    }
}
