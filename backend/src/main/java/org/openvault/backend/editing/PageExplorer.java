package org.openvault.backend.editing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.openvault.backend.database.Rows;
import org.openvault.backend.pages.PageRepository;

/**
 * The page tree as editors browse it: the children of a page (or pages anywhere whose draft title matches a search),
 * each with its type, status, last editor and time, and how many children it has. Ordered by draft title.
 */
public final class PageExplorer {

    private static final String TS = PageRepository.TS;

    /** What to list: children of {@code parentId} unless {@code search} is given; optionally one type only. */
    public record Query(Integer parentId, String search, String type, int limit, int offset) {
    }

    public List<Map<String, Object>> list(DbExecute db, Query query) {
        StringBuilder where = new StringBuilder("p.id <> 1");
        List<Object> params = new ArrayList<>();
        if (query.search() != null && !query.search().isBlank()) {
            where.append(" AND lower(coalesce(nullif(p.draft_title, ''), p.title)) LIKE ?");
            params.add("%" + query.search().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        } else {
            where.append(" AND p.parent_id = ?");
            params.add(query.parentId() == null ? PageRepository.SITE_ROOT_ID : query.parentId());
        }
        if (query.type() != null) {
            where.append(" AND p.type = ?");
            params.add(query.type());
        }
        params.add(query.limit());
        params.add(query.offset());
        try (Stream<DbRow> rows = db.query("SELECT p.id, p.type, coalesce(nullif(p.draft_title, ''), p.title) AS draft_title, p.slug, p.url_path, p.parent_id, p.live,"
                + " p.has_unpublished_changes, p.expired, p.go_live_at IS NOT NULL AS scheduled, "
                + TS.formatted("coalesce(p.latest_revision_created_at, p.updated_at)") + " AS edited_at, u.username,"
                + " (SELECT count(*) FROM page c WHERE c.parent_id = p.id) AS children"
                + " FROM page p LEFT JOIN page_revision r ON r.id = p.latest_revision_id"
                + " LEFT JOIN app_user u ON u.id = r.user_id WHERE " + where
                + " ORDER BY lower(coalesce(nullif(p.draft_title, ''), p.title)), p.id LIMIT ? OFFSET ?", params.toArray())) {
            return rows.map(PageExplorer::item).toList();
        }
    }

    private static Map<String, Object> item(DbRow row) {
        boolean live = Rows.bool(row, "live");
        String status = Rows.bool(row, "scheduled") ? "scheduled"
                : live ? (Rows.bool(row, "has_unpublished_changes") ? "live_with_draft" : "live")
                : Rows.bool(row, "expired") ? "expired" : "draft";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Rows.intValue(row, "id"));
        json.put("type", Rows.text(row, "type"));
        json.put("title", Rows.text(row, "draft_title"));
        json.put("slug", Rows.text(row, "slug"));
        json.put("url_path", Rows.text(row, "url_path"));
        json.put("parent_id", Rows.nullableInt(row, "parent_id"));
        json.put("status", status);
        json.put("edited_at", Rows.text(row, "edited_at"));
        json.put("edited_by", Rows.text(row, "username"));
        json.put("children", Rows.longValue(row, "children"));
        return json;
    }
}
