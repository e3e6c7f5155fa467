package org.openvault.backend.audit;

import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;

/**
 * {@code GET /api/admin/v1/audit}: the audit log, newest first, for administrators; filters {@code user_id},
 * {@code username}, {@code action}, {@code object_type}, {@code object_id}, {@code since} and {@code until}
 * (ISO-8601 with offset), each optional and combined with AND (see {@link AuditEntries}).
 */
public final class AuditService implements HttpService {

    private final AuditEntries entries;
    private final Authenticator authenticator;

    public AuditService(AuditEntries entries, Authenticator authenticator) {
        this.entries = entries;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_AUDIT_LOG, this::list));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        List<Map<String, Object>> items = entries.list(
                name -> req.query().contains(name) ? req.query().get(name) : null, paging.limit(), paging.offset());
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset",
                paging.offset()));
    }
}
