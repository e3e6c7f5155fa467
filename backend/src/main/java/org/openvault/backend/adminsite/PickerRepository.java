package org.openvault.backend.adminsite;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openvault.backend.database.Sql;
import org.openvault.backend.api.ImageJson;

/** What the edit form's pickers offer (authors, exhibits, images) and the renditions the admin's screens show. */
public final class PickerRepository {

    /** The thumbnail rendition the pickers and the images screen show (a fill crop follows the focal point). */
    static final String THUMBNAIL = "fill-160x120";
    private static final int FOUND_IMAGES = 24;

    private final Sql sql;
    private final ImageJson images;

    public PickerRepository(Sql sql, ImageJson images) {
        this.sql = sql;
        this.images = images;
    }

    List<Choice> authors() {
        return sql.list("SELECT id, name FROM author ORDER BY lower(name), id",
                rs -> new Choice(String.valueOf(rs.getLong("id")), rs.getString("name")));
    }

    /** Every exhibit but {@code except} (an exhibit does not recommend itself), by title. */
    List<Choice> exhibits(int except) {
        return sql.list("SELECT p.id, coalesce(nullif(p.draft_title, ''), p.title) AS title FROM exhibit e"
                        + " JOIN page p ON p.id = e.page_id WHERE p.id <> ? ORDER BY lower(p.title), p.id",
                rs -> new Choice(String.valueOf(rs.getInt("id")), rs.getString("title")), except);
    }

    /** Exhibits by id, including those not live yet, for the titles of the ones already picked. */
    Map<String, String> exhibitTitles(Collection<Integer> ids) {
        return titles("SELECT p.id, coalesce(nullif(p.draft_title, ''), p.title) AS title FROM page p"
                + " WHERE p.id = ANY(?)", ids);
    }

    Optional<ImageChoice> image(int id) {
        return sql.one("SELECT id, title FROM image WHERE id = ?", rs -> choice(rs.getInt("id"), rs.getString("title")),
                id);
    }

    /** Images whose title contains {@code search} (all when blank), newest first. */
    List<ImageChoice> findImages(String search) {
        String pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return sql.list("SELECT id, title FROM image WHERE title ILIKE ? ORDER BY created_at DESC, id DESC LIMIT "
                + FOUND_IMAGES, rs -> choice(rs.getInt("id"), rs.getString("title")), pattern);
    }

    /** The thumbnail's URL, or null when the original cannot be read. */
    String thumbnail(int imageId) {
        return rendition(imageId, THUMBNAIL);
    }

    /** The URL of a rendition ({@code fill-480x270}), or null when the original cannot be read. */
    String rendition(int imageId, String filterSpec) {
        Map<String, Object> rendition = images.rendition(imageId, filterSpec);
        return rendition == null || !(rendition.get("url") instanceof String url) ? null : url;
    }

    private ImageChoice choice(int id, String title) {
        return new ImageChoice(id, title, thumbnail(id));
    }

    private Map<String, String> titles(String query, Collection<Integer> ids) {
        Map<String, String> titles = new HashMap<>();
        sql.list(query, rs -> titles.put(String.valueOf(rs.getInt("id")), rs.getString("title")),
                (Object) ids.toArray(Integer[]::new));
        return titles;
    }
}
