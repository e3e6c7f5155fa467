package org.openvault.backend.images;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openvault.backend.database.Statements;

/**
 * Where an image is used: as the cover or hero image of exhibits and collections, as an author's portrait, embedded
 * in rich text (exhibit and collection streams, collection introductions, static and home page bodies, author bios),
 * in what is live and in the unpublished draft (latest revision) of pages. The admin shows it, and an image still
 * used cannot be deleted.
 */
public final class ImageUsage {

    /** One use: the page (its type) or author ({@code authors.Author}), the field, and whether only a draft has it. */
    public record Use(String type, long id, String title, String field, boolean draft) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            json.put("id", id);
            json.put("title", title);
            json.put("field", field);
            json.put("draft", draft);
            return json;
        }
    }

    // Rich text stores <embed embedtype="image" id="N" …/>, attributes in any order; inside jsonb text the quotes
    // are escaped (\"), hence the optional backslashes. The id is a parameter: ? below.
    private static final String EMBED = "('<embed(?=[^>]*\\sembedtype=\\\\?\"image\\\\?\")[^>]*\\sid=\\\\?\"'"
            + " || ? || '\\\\?\"')";

    private static final String LIVE = """
            SELECT p.type, p.id, p.title, u.field, false AS draft
            FROM (SELECT page_id, 'cover_image' AS field FROM exhibit WHERE cover_image_id = ?
                  UNION ALL SELECT page_id, 'hero_image' FROM exhibit WHERE hero_image_id = ?
                  UNION ALL SELECT page_id, 'body' FROM exhibit WHERE body::text ~ %1$s
                  UNION ALL SELECT page_id, 'cover_image' FROM collection WHERE cover_image_id = ?
                  UNION ALL SELECT page_id, 'hero_image' FROM collection WHERE hero_image_id = ?
                  UNION ALL SELECT page_id, 'introduction' FROM collection WHERE introduction ~ %1$s
                  UNION ALL SELECT page_id, 'content' FROM collection WHERE content::text ~ %1$s
                  UNION ALL SELECT page_id, 'body' FROM static_page WHERE body ~ %1$s
                  UNION ALL SELECT page_id, 'body' FROM home_page WHERE body ~ %1$s) u
            JOIN page p ON p.id = u.page_id
            UNION ALL
            SELECT 'authors.Author', a.id, a.name, 'image', false FROM author a WHERE a.image_id = ?
            UNION ALL
            SELECT 'authors.Author', a.id, a.name, 'bio', false FROM author a WHERE a.bio ~ %1$s
            UNION ALL
            SELECT p.type, p.id, coalesce(nullif(p.draft_title, ''), p.title), f.field, true
            FROM page p JOIN page_revision r ON r.id = p.latest_revision_id
            CROSS JOIN LATERAL (SELECT key AS field, value FROM jsonb_each(r.content)) f
            WHERE p.has_unpublished_changes
              AND (f.field IN ('cover_image_id', 'hero_image_id') AND f.value = to_jsonb(CAST(? AS integer))
                   OR f.field IN ('body', 'content', 'introduction') AND f.value::text ~ %1$s)
            ORDER BY 5
            """.formatted(EMBED);

    private ImageUsage() {
    }

    /** Every use, pages before authors, each page field once (the live use when live and draft both have it). */
    static List<Use> of(Statements db, int imageId) {
        String id = String.valueOf(imageId);
        Object[] params = {imageId, imageId, id, imageId, imageId, id, id, id, id, imageId, id, imageId, id};
        Map<String, Use> uses = new LinkedHashMap<>();
        for (Use use : db.list(LIVE, rs -> new Use(rs.getString("type"), rs.getLong("id"), rs.getString("title"),
                rs.getString("field").replace("_id", ""), rs.getBoolean("draft")), params)) {
            uses.putIfAbsent(use.type() + "/" + use.id() + "/" + use.field(), use);
        }
        return uses.values().stream()
                .sorted(java.util.Comparator.comparing((Use u) -> u.type().equals("authors.Author"))
                        .thenComparing(Use::title, String.CASE_INSENSITIVE_ORDER).thenComparing(Use::id))
                .toList();
    }
}
