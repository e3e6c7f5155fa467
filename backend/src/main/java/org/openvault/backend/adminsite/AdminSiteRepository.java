package org.openvault.backend.adminsite;

import java.util.List;
import java.util.Optional;

import org.openvault.backend.auth.Caller;
import org.openvault.backend.database.Sql;
import org.openvault.backend.editing.PageExplorer;
import org.openvault.backend.pages.PageRepository;

/** The small reads of the web admin's pages: who is signed in, the dashboard's lists, the explorer's breadcrumbs. */
public final class AdminSiteRepository {

    private static final String TS = PageRepository.TS;
    private static final String TITLE = "coalesce(nullif(p.draft_title, ''), p.title)";
    private static final int DASHBOARD_ROWS = 10;

    private final Sql sql;

    public AdminSiteRepository(Sql sql) {
        this.sql = sql;
    }

    public SignedIn signedIn(Caller caller) {
        return sql.one("SELECT coalesce(nullif(u.display_name, ''), u.username) AS name, u.role,"
                        + " coalesce(s.csrf_token, '') AS csrf FROM auth_session s JOIN app_user u ON u.id = s.user_id"
                        + " WHERE s.id = ?",
                rs -> new SignedIn(caller.userId(), rs.getString("name"), rs.getString("role"), rs.getString("csrf"),
                        caller),
                caller.sessionId()).orElseThrow();
    }

    /** Pages whose latest revision is this editor's and not yet published. */
    public List<PageRow> draftsOf(long userId) {
        return pages("JOIN page_revision r ON r.id = p.latest_revision_id"
                + " WHERE r.user_id = ? AND p.has_unpublished_changes"
                + " ORDER BY p.latest_revision_created_at DESC NULLS LAST, p.id DESC LIMIT " + DASHBOARD_ROWS, userId);
    }

    public List<PageRow> recentlyPublished() {
        return pages("WHERE p.live AND p.last_published_at IS NOT NULL AND p.id <> 1"
                + " ORDER BY p.last_published_at DESC, p.id DESC LIMIT " + DASHBOARD_ROWS);
    }

    /** Pages set to go live, and live pages set to expire, soonest first. */
    public List<Scheduled> scheduled() {
        return sql.list("SELECT p.id, " + TITLE + " AS title, p.type,"
                        + " CASE WHEN p.go_live_at IS NOT NULL THEN 'Goes live' ELSE 'Expires' END AS event, "
                        + TS.formatted("coalesce(p.go_live_at, p.expire_at)") + " AS at FROM page p"
                        + " WHERE p.go_live_at IS NOT NULL OR (p.expire_at IS NOT NULL AND p.live AND NOT p.expired)"
                        + " ORDER BY coalesce(p.go_live_at, p.expire_at), p.id LIMIT " + DASHBOARD_ROWS,
                rs -> new Scheduled(rs.getInt("id"), rs.getString("title"), Labels.type(rs.getString("type")),
                        rs.getString("event"), Labels.time(rs.getString("at")), rs.getString("at")));
    }

    /** The latest audit entries about pages: all of them for administrators, else the caller's own. */
    public List<Activity> activity(SignedIn user) {
        String mine = user.administrator() ? "" : " AND user_id = " + user.userId();
        return sql.list("SELECT " + TS.formatted("a.at") + " AS at, a.username, a.action, a.object_id,"
                        + " a.object_title, p.id IS NULL AS deleted FROM audit_log a"
                        + " LEFT JOIN page p ON p.id::text = a.object_id"
                        + " WHERE a.object_type = 'page'" + mine.replace("user_id", "a.user_id")
                        + " ORDER BY a.at DESC, a.id DESC LIMIT " + DASHBOARD_ROWS,
                rs -> new Activity(Labels.time(rs.getString("at")), rs.getString("at"), rs.getString("username"),
                        Labels.pageAction(rs.getString("action")), rs.getString("object_id"),
                        rs.getString("object_title"), rs.getBoolean("deleted")));
    }

    /** The page and its ancestors up to Home (the site root), Home first; empty when there is no such page. */
    public List<Crumb> breadcrumbs(int pageId) {
        return sql.list("WITH RECURSIVE up AS ("
                        + " SELECT p.id, p.parent_id, " + TITLE + " AS title, 0 AS depth FROM page p WHERE p.id = ?"
                        + " UNION ALL SELECT p.id, p.parent_id, " + TITLE + ", up.depth + 1 FROM page p"
                        + " JOIN up ON p.id = up.parent_id WHERE up.id <> ? AND up.depth < 100)"
                        + " SELECT id, title FROM up WHERE id <> 1 ORDER BY depth DESC",
                rs -> new Crumb(rs.getInt("id"), rs.getString("title")), pageId, PageRepository.SITE_ROOT_ID);
    }

    public Optional<Integer> childCount(int pageId) {
        return sql.one("SELECT (SELECT count(*) FROM page c WHERE c.parent_id = p.id) AS n FROM page p WHERE p.id = ?",
                rs -> rs.getInt("n"), pageId);
    }

    /** Where a page may be moved from the edit screen: Home, Home's children and the site's folders, Home first. */
    public List<Crumb> moveTargets() {
        return sql.list("SELECT p.id, " + TITLE + " AS title FROM page p WHERE p.id = ? OR p.parent_id = ?"
                        + " OR (p.type = 'wagtailcore.Page' AND p.url_path LIKE '/home/%')"
                        + " ORDER BY p.id <> ?, 2, p.id LIMIT 200",
                rs -> new Crumb(rs.getInt("id"), rs.getString("title")), PageRepository.SITE_ROOT_ID,
                PageRepository.SITE_ROOT_ID, PageRepository.SITE_ROOT_ID);
    }

    private List<PageRow> pages(String rest, Object... params) {
        return sql.list("SELECT p.id, " + TITLE + " AS title, p.type, p.live, p.has_unpublished_changes, p.expired,"
                        + " p.go_live_at IS NOT NULL AS scheduled, u.username, "
                        + TS.formatted("coalesce(p.latest_revision_created_at, p.updated_at)") + " AS edited_at,"
                        + " (SELECT count(*) FROM page c WHERE c.parent_id = p.id) AS children FROM page p"
                        + " LEFT JOIN page_revision lr ON lr.id = p.latest_revision_id"
                        + " LEFT JOIN app_user u ON u.id = lr.user_id " + rest,
                rs -> new PageRow(rs.getInt("id"), rs.getString("title"), Labels.type(rs.getString("type")),
                        Labels.status(PageExplorer.status(rs.getBoolean("scheduled"), rs.getBoolean("live"),
                                rs.getBoolean("has_unpublished_changes"), rs.getBoolean("expired"))),
                        rs.getString("username"), Labels.time(rs.getString("edited_at")), rs.getString("edited_at"),
                        rs.getLong("children")), params);
    }
}
