package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.database.Sql;
import org.openvault.backend.editing.PageExplorer;
import org.openvault.backend.pages.PageRepository;

/**
 * {@code /admin/pages/} and {@code /admin/pages/{id}/children}: a page's children (or pages found by title) 50 to a
 * page, through {@link PageExplorer}, the same listing as the JSON API's, which limits and offsets in SQL.
 */
public final class ExplorerPage {

    static final int PER_PAGE = 50;
    private static final int MAX_PAGE = 100_000;

    private final Sql sql;
    private final PageExplorer explorer;
    private final SiteSessions sessions;
    private final AdminSiteRepository repository;
    private final SiteTemplates templates;

    public ExplorerPage(Sql sql, PageExplorer explorer, SiteSessions sessions, AdminSiteRepository repository,
                        SiteTemplates templates) {
        this.sql = sql;
        this.explorer = explorer;
        this.sessions = sessions;
        this.repository = repository;
        this.templates = templates;
    }

    public void home(ServerRequest req, ServerResponse res) {
        show(req, res, PageRepository.SITE_ROOT_ID, "/admin/pages/");
    }

    public void children(ServerRequest req, ServerResponse res) {
        int id = number(req.path().pathParameters().get("id"), Integer.MAX_VALUE);
        if (id < 1) {
            throw AdminProblem.notFound("no such page");
        }
        show(req, res, id, "/admin/pages/" + id + "/children");
    }

    private void show(ServerRequest req, ServerResponse res, int parentId, String path) {
        SignedIn user = sessions.signedIn(req);
        List<Crumb> crumbs = repository.breadcrumbs(parentId);
        if (crumbs.isEmpty()) {
            throw AdminProblem.notFound("no such page");
        }
        String q = req.query().contains("q") ? req.query().get("q").strip() : "";
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        int page = Listing.pageNumber(req, MAX_PAGE);
        // One row more than shown tells whether there is a next page without counting them all.
        List<Map<String, Object>> items = explorer.list(sql, new PageExplorer.Query(q.isEmpty() ? parentId : null,
                q.isEmpty() ? null : q, null, PER_PAGE + 1, (page - 1) * PER_PAGE));
        List<PageRow> rows = new ArrayList<>();
        for (Map<String, Object> item : items.subList(0, Math.min(PER_PAGE, items.size()))) {
            rows.add(row(item));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome(q.isEmpty() ? "Pages: " + crumbs.getLast().title() : "Search pages", user,
                "pages"));
        params.put("crumbs", crumbs);
        params.put("rows", rows);
        params.put("listing", new Listing(path, q, page, items.size() > PER_PAGE));
        templates.render(res, Status.OK_200, "pages.jte", params);
    }

    private static PageRow row(Map<String, Object> item) {
        String edited = (String) item.get("edited_at");
        return new PageRow((Integer) item.get("id"), (String) item.get("title"), Labels.type((String) item.get("type")),
                Labels.status((String) item.get("status")), (String) item.get("edited_by"), Labels.time(edited), edited,
                (Long) item.get("children"));
    }

    // Not a number, or too big, answers -1 (a 404 for ids, page 1 for page numbers).
    private static int number(String text, int max) {
        if (text == null || text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value > max ? -1 : (int) value;
    }
}
