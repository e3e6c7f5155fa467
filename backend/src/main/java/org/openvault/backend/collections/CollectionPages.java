package org.openvault.backend.collections;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;
import org.openvault.backend.database.Sql;
import org.openvault.backend.pages.PageKind;
import org.openvault.backend.pages.PageRow;
import org.openvault.backend.pages.PageShapes;
import org.openvault.backend.streamfield.StreamField;

/** {@code ov_collections.Collection}: SQL, filterable fields and JSON shape. */
public final class CollectionPages {

    public static final String TYPE = "ov_collections.Collection";

    public static final PageKind<CollectionPage> KIND = PageKind.<CollectionPage>builder(TYPE, "Collection",
                    "collections")
            .columns(", coalesce(c.introduction, '') AS introduction, c.cover_image_id, c.hero_image_id,"
                    + " coalesce(c.featured, false) AS featured", ", c.content::text AS content")
            .joins("LEFT JOIN collection c ON c.page_id = p.id")
            .ownColumns(Map.of(
                    "last_published_at", Column.timestamp("p.last_published_at"),
                    "featured", Column.bool("coalesce(c.featured, false)"),
                    "introduction", Column.text("coalesce(c.introduction, '')"),
                    "cover_image", Column.integer("c.cover_image_id"),
                    "hero_image", Column.integer("c.hero_image_id")))
            .typedMetaOnly(Set.of("last_published_at", "featured"))
            .heavyFields(Set.of("content"))
            .listingDefaults(Set.of("id", "type", "detail_url", "html_url", "slug", "first_published_at",
                    "last_published_at", "featured", "title", "introduction", "cover_image", "hero_image"))
            .build(PageShapes.<CollectionPage>common("collections")
                    .body("introduction", CollectionPage::introduction)
                    .body("cover_image", (c, ctx) -> ctx.images().rendition(c.coverImageId(), "fill-1920x1080"))
                    .body("hero_image", (c, ctx) -> ctx.images().rendition(c.heroImageId(), "fill-1600x500"))
                    .body("hero_thumb", (c, ctx) -> ctx.images().rendition(c.heroImageId(), "fill-480x270"))
                    .body("content", c -> StreamField.normalise(ApiJson.parse(c.content())))
                    .meta("last_published_at", c -> c.page().lastPublishedAt())
                    .meta("featured", CollectionPage::featured)
                    .build(), CollectionPages::read);

    private CollectionPages() {
    }

    private static CollectionPage read(PageRow page, ResultSet rs, boolean detail) throws SQLException {
        return new CollectionPage(page, rs.getString("introduction"), detail ? rs.getString("content") : null,
                Sql.nullableInt(rs, "cover_image_id"), Sql.nullableInt(rs, "hero_image_id"), rs.getBoolean("featured"));
    }
}
