package org.openvault.backend.exhibits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.Column;
import org.openvault.backend.api.Shape;
import org.openvault.backend.database.Sql;
import org.openvault.backend.pages.PageKind;
import org.openvault.backend.pages.PageRepository;
import org.openvault.backend.pages.PageRow;
import org.openvault.backend.pages.PageShapes;
import org.openvault.backend.streamfield.StreamField;

/** {@code exhibits.ExhibitPage}: SQL, filterable fields and JSON shape. */
public final class ExhibitPages {

    public static final String TYPE = "exhibits.ExhibitPage";

    private static final String TS = PageRepository.TS;

    private static final String AUTHORS = ", (SELECT coalesce(json_agg(json_build_object('id', ea.id, 'author_id', a.id,"
            + " 'name', a.name, 'image_id', a.image_id, 'bio', a.bio) ORDER BY ea.sort_order NULLS LAST, ea.id), '[]')"
            + " FROM exhibit_author ea JOIN author a ON a.id = ea.author_id WHERE ea.page_id = p.id)::text AS authors";

    private static final String RELATIONS = ", e.body::text AS body"
            + ", (SELECT coalesce(json_agg(json_build_object('id', f.id, 'uuid', f.uuid, 'text', f.text)"
            + " ORDER BY f.sort_order NULLS LAST, f.id), '[]') FROM footnote f WHERE f.page_id = p.id)::text AS footnotes"
            + ", (SELECT coalesce(json_agg(json_build_object('exhibit_id', op.id, 'title', op.title, 'type', op.type,"
            + " 'slug', op.slug, 'url_path', op.url_path, 'first_published_at', " + TS.formatted("op.first_published_at")
            + ", 'last_published_at', " + TS.formatted("op.last_published_at") + ", 'featured', oe.featured,"
            + " 'cover_image_id', oe.cover_image_id, 'hero_image_id', oe.hero_image_id) ORDER BY o.sort_order NULLS LAST, o.id), '[]')"
            + " FROM exhibit_other_exhibit o JOIN page op ON op.id = o.exhibit_id JOIN exhibit oe ON oe.page_id = o.exhibit_id"
            + " WHERE o.page_id = p.id AND op.live)::text AS other_exhibits";

    static final Set<String> LISTING_DEFAULTS = Set.of("id", "type", "detail_url", "html_url", "slug",
            "first_published_at", "last_published_at", "featured", "title", "cover_image", "cover_thumb",
            "hero_image", "hero_thumb", "authors");

    public static final PageKind<ExhibitPage> KIND = PageKind.<ExhibitPage>builder(TYPE, "ExhibitPage", "exhibits")
            .columns(", e.cover_image_id, e.hero_image_id, coalesce(e.featured, false) AS featured" + AUTHORS,
                    RELATIONS)
            .joins("LEFT JOIN exhibit e ON e.page_id = p.id")
            .ownColumns(Map.of(
                    "last_published_at", Column.timestamp("p.last_published_at"),
                    "featured", Column.bool("coalesce(e.featured, false)"),
                    "cover_image", Column.integer("e.cover_image_id"),
                    "hero_image", Column.integer("e.hero_image_id")))
            .typedMetaOnly(Set.of("last_published_at", "featured"))
            .heavyFields(Set.of("body", "footnotes", "other_exhibits", "related_exhibits"))
            .listingDefaults(LISTING_DEFAULTS)
            .build(shape(), ExhibitPages::read);

    private ExhibitPages() {
    }

    private static Shape<ExhibitPage> shape() {
        Shape<ExhibitPage.ExhibitAuthor> author = Shape.<ExhibitPage.ExhibitAuthor>builder()
                .body("id", ExhibitPage.ExhibitAuthor::id)
                .meta("type", a -> "authors.AuthorsOrderable")
                .body("author_id", ExhibitPage.ExhibitAuthor::authorId)
                .body("name", ExhibitPage.ExhibitAuthor::name)
                .body("image", (a, ctx) -> ctx.images().rendition(a.imageId(), "fill-100x100"))
                .body("bio", ExhibitPage.ExhibitAuthor::bio)
                .build();
        Shape<ExhibitPage.Footnote> footnote = Shape.<ExhibitPage.Footnote>builder()
                .body("id", ExhibitPage.Footnote::id)
                .body("uuid", ExhibitPage.Footnote::uuid)
                .body("text", ExhibitPage.Footnote::text)
                .build();
        Shape<ExhibitPage.OtherExhibit> other = Shape.<ExhibitPage.OtherExhibit>builder()
                .body("exhibit_id", ExhibitPage.OtherExhibit::exhibitId)
                .body("title", ExhibitPage.OtherExhibit::title)
                .body("cover_image", (o, ctx) -> ctx.images().rendition(o.coverImageId(), "fill-320x100"))
                .build();
        // Our fix for "You may also like": the other exhibits in the exhibits listing-item shape.
        Shape<ExhibitPage.OtherExhibit> related = Shape.<ExhibitPage.OtherExhibit>builder()
                .body("id", ExhibitPage.OtherExhibit::exhibitId)
                .meta("type", ExhibitPage.OtherExhibit::type)
                .meta("detail_url", (o, ctx) -> ctx.detailUrl("exhibits", o.exhibitId()))
                .meta("html_url", (o, ctx) -> PageShapes.htmlUrl(
                        new PageRow(o.exhibitId(), o.type(), o.slug(), o.title(), o.urlPath(), o.siteRootPath(),
                                false, "", "", null, null, null, null).sitePath(), ctx))
                .meta("slug", ExhibitPage.OtherExhibit::slug)
                .meta("first_published_at", ExhibitPage.OtherExhibit::firstPublishedAt)
                .meta("last_published_at", ExhibitPage.OtherExhibit::lastPublishedAt)
                .meta("featured", ExhibitPage.OtherExhibit::featured)
                .body("title", ExhibitPage.OtherExhibit::title)
                .body("cover_image", (o, ctx) -> ctx.images().rendition(o.coverImageId(), "fill-1920x1080"))
                .body("cover_thumb", (o, ctx) -> ctx.images().rendition(o.coverImageId(), "fill-480x270"))
                .body("hero_image", (o, ctx) -> ctx.images().rendition(o.heroImageId(), "fill-1600x500"))
                .body("hero_thumb", (o, ctx) -> ctx.images().rendition(o.heroImageId(), "fill-480x270"))
                .build();
        return PageShapes.<ExhibitPage>common("exhibits")
                .body("body", e -> StreamField.normalise(ApiJson.parse(e.body())))
                .body("cover_image", (e, ctx) -> ctx.images().rendition(e.coverImageId(), "fill-1920x1080"))
                .body("cover_thumb", (e, ctx) -> ctx.images().rendition(e.coverImageId(), "fill-480x270"))
                .body("hero_image", (e, ctx) -> ctx.images().rendition(e.heroImageId(), "fill-1600x500"))
                .body("hero_thumb", (e, ctx) -> ctx.images().rendition(e.heroImageId(), "fill-480x270"))
                .children("authors", ExhibitPage::authors, author)
                .children("footnotes", ExhibitPage::footnotes, footnote)
                .children("other_exhibits", ExhibitPage::otherExhibits, other)
                .children("related_exhibits", ExhibitPage::otherExhibits, related)
                .meta("last_published_at", e -> e.page().lastPublishedAt())
                .meta("featured", ExhibitPage::featured)
                .build();
    }

    private static ExhibitPage read(PageRow page, ResultSet rs, boolean detail) throws SQLException {
        List<ExhibitPage.ExhibitAuthor> authors = new ArrayList<>();
        for (JsonNode a : ApiJson.parse(rs.getString("authors"))) {
            authors.add(new ExhibitPage.ExhibitAuthor(a.get("id").asLong(), a.get("author_id").asLong(),
                    a.get("name").asText(), intOrNull(a.get("image_id")), a.get("bio").asText()));
        }
        List<ExhibitPage.Footnote> footnotes = new ArrayList<>();
        List<ExhibitPage.OtherExhibit> others = new ArrayList<>();
        String body = null;
        if (detail) {
            body = rs.getString("body");
            for (JsonNode f : ApiJson.parse(rs.getString("footnotes"))) {
                footnotes.add(new ExhibitPage.Footnote(f.get("id").asLong(), f.get("uuid").asText(),
                        f.get("text").asText()));
            }
            for (JsonNode o : ApiJson.parse(rs.getString("other_exhibits"))) {
                others.add(new ExhibitPage.OtherExhibit(o.get("exhibit_id").asInt(), o.get("title").asText(),
                        o.get("type").asText(), o.get("slug").asText(), o.get("url_path").asText(),
                        page.siteRootPath(), textOrNull(o.get("first_published_at")),
                        textOrNull(o.get("last_published_at")), o.get("featured").asBoolean(),
                        intOrNull(o.get("cover_image_id")), intOrNull(o.get("hero_image_id"))));
            }
        }
        return new ExhibitPage(page, body, Sql.nullableInt(rs, "cover_image_id"), Sql.nullableInt(rs, "hero_image_id"),
                rs.getBoolean("featured"), authors, footnotes, others);
    }

    static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
