package org.openvault.backend.adminsite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.audit.AuditEntries;
import org.openvault.backend.auth.Permission;

/** {@code /admin/audit}: the audit log for administrators, newest first, filtered through {@link AuditEntries}. */
public final class AuditPage {

    static final int PER_PAGE = 50;
    private static final List<String> FILTERS = List.of("action", "username", "object_type");
    private static final int MAX_PAGE = 10_000;

    private final AuditEntries entries;
    private final SiteSessions sessions;
    private final SiteTemplates templates;

    public AuditPage(AuditEntries entries, SiteSessions sessions, SiteTemplates templates) {
        this.entries = entries;
        this.sessions = sessions;
        this.templates = templates;
    }

    public void show(ServerRequest req, ServerResponse res) {
        SignedIn user = sessions.signedIn(req);
        if (!user.may(Permission.READ_AUDIT_LOG)) {
            throw AdminProblem.forbidden("your role (" + user.role() + ") may not read the audit log");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = req.query().contains(name) ? req.query().get(name).strip() : "";
            filters.put(name, value);
        }
        int page = Listing.pageNumber(req, MAX_PAGE);
        // One row more than shown tells whether there is a next page.
        List<Map<String, Object>> found = entries.list(name -> filters.getOrDefault(name, "").isEmpty() ? null
                : filters.get(name), PER_PAGE + 1, (page - 1) * PER_PAGE);
        List<AuditRow> rows = found.stream().limit(PER_PAGE).map(AuditPage::row).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", new Chrome("Audit log", user, "audit"));
        params.put("filters", filters);
        params.put("rows", rows);
        params.put("previous", page > 1 ? link(filters, page - 1) : null);
        params.put("next", found.size() > PER_PAGE && page < MAX_PAGE ? link(filters, page + 1) : null);
        params.put("page", page);
        templates.render(res, Status.OK_200, "audit.jte", params);
    }

    private static String link(Map<String, String> filters, int page) {
        StringBuilder link = new StringBuilder("/admin/audit?");
        filters.forEach((name, value) -> {
            if (!value.isEmpty()) {
                link.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return link.append("page=").append(page).toString();
    }

    private static AuditRow row(Map<String, Object> entry) {
        String at = (String) entry.get("at");
        String username = entry.get("user") instanceof Map<?, ?> who && who.get("username") != null
                ? who.get("username").toString() : "";
        Map<?, ?> object = (Map<?, ?>) entry.get("object");
        return new AuditRow(Labels.time(at), at, username, (String) entry.get("action"), text(object.get("type")),
                text(object.get("id")), text(object.get("title")), text(entry.get("client_address")));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
