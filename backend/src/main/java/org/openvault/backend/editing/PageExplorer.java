package org.openvault.backend.editing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
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

    public List<Map<String, Object>> list(Statements db, Query query) {
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
        // The slice is chosen first and only its rows get their children counted and their editor joined: under a
        // parent of a thousand pages, one screen costs fifty of those lookups, not a thousand.
        String order = "lower(coalesce(nullif(p.draft_title, ''), p.title)), p.id";
        return db.list("SELECT p.id, p.type, coalesce(nullif(p.draft_title, ''), p.title) AS draft_title, p.slug,"
                + " p.url_path, p.parent_id, p.live, p.has_unpublished_changes, p.expired,"
                + " p.go_live_at IS NOT NULL AS scheduled, "
                + TS.formatted("coalesce(p.latest_revision_created_at, p.updated_at)") + " AS edited_at, u.username,"
                + " (SELECT count(*) FROM page c WHERE c.parent_id = p.id) AS children"
                + " FROM (SELECT p.* FROM page p WHERE " + where + " ORDER BY " + order + " LIMIT ? OFFSET ?) p"
                + " LEFT JOIN page_revision r ON r.id = p.latest_revision_id"
                + " LEFT JOIN app_user u ON u.id = r.user_id ORDER BY " + order,
                PageExplorer::item, params.toArray());
    }

    /** The status key of a page: scheduled, live, live_with_draft, expired or draft. */
    public static String status(boolean scheduled, boolean live, boolean hasUnpublishedChanges, boolean expired) {
        return scheduled ? "scheduled"
                : live ? (hasUnpublishedChanges ? "live_with_draft" : "live")
                : expired ? "expired" : "draft";
    }

    private static Map<String, Object> item(ResultSet rs) throws SQLException {
        String status = status(rs.getBoolean("scheduled"), rs.getBoolean("live"),
                rs.getBoolean("has_unpublished_changes"), rs.getBoolean("expired"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rs.getInt("id"));
        json.put("type", rs.getString("type"));
        json.put("title", rs.getString("draft_title"));
        json.put("slug", rs.getString("slug"));
        json.put("url_path", rs.getString("url_path"));
        json.put("parent_id", Sql.nullableInt(rs, "parent_id"));
        json.put("status", status);
        json.put("edited_at", rs.getString("edited_at"));
        json.put("edited_by", rs.getString("username"));
        json.put("children", rs.getLong("children"));
        return json;
    }
}
