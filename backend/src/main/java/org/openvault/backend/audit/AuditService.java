package org.openvault.backend.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.pages.PageRepository;

/**
 * {@code GET /api/admin/v1/audit}: the audit log, newest first, for administrators; filters {@code user_id},
 * {@code username}, {@code action}, {@code object_type}, {@code object_id}, {@code since} and {@code until}
 * (ISO-8601 with offset), each optional and combined with AND.
 */
public final class AuditService implements HttpService {

    private static final Map<String, String> EXACT_FILTERS = Map.of(
            "username", "lower(username) = lower(?)",
            "action", "action = ?",
            "object_type", "object_type = ?",
            "object_id", "object_id = ?");

    private final Sql sql;
    private final Authenticator authenticator;

    public AuditService(Sql sql, Authenticator authenticator) {
        this.sql = sql;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_AUDIT_LOG, this::list));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        StringBuilder where = new StringBuilder("true");
        List<Object> params = new ArrayList<>();
        EXACT_FILTERS.forEach((name, condition) -> {
            if (req.query().contains(name)) {
                where.append(" AND ").append(condition);
                params.add(req.query().get(name));
            }
        });
        if (req.query().contains("user_id")) {
            where.append(" AND user_id = ?");
            params.add(AdminParameters.positiveQueryNumber(req.query().get("user_id"), "user_id"));
        }
        time(req, "since", " AND at >= ?", where, params);
        time(req, "until", " AND at < ?", where, params);
        params.add(paging.limit());
        params.add(paging.offset());
        List<Map<String, Object>> items = sql.list("SELECT id, " + PageRepository.TS.formatted("at")
                + " AS at, user_id, username, action, object_type, object_id, object_title, client_address,"
                + " details::text AS details FROM audit_log WHERE " + where
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", AuditService::entry, params.toArray());
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset",
                paging.offset()));
    }

    private static void time(ServerRequest req, String name, String condition, StringBuilder where,
                             List<Object> params) {
        if (!req.query().contains(name)) {
            return;
        }
        try {
            params.add(OffsetDateTime.parse(req.query().get(name)));
            where.append(condition);
        } catch (DateTimeParseException e) {
            throw AdminProblem.badRequest("invalid_parameter", name + " must be an ISO-8601 time with offset");
        }
    }

    private static Map<String, Object> entry(ResultSet rs) throws SQLException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rs.getLong("id"));
        json.put("at", rs.getString("at"));
        Long userId = Sql.nullableLong(rs, "user_id");
        json.put("user", userId == null && rs.getString("username").isEmpty() ? null
                : mapOf("id", userId, "username", rs.getString("username")));
        json.put("action", rs.getString("action"));
        json.put("object", mapOf("type", rs.getString("object_type"), "id", rs.getString("object_id"),
                "title", rs.getString("object_title")));
        json.put("client_address", rs.getString("client_address"));
        json.put("details", ApiJson.parse(rs.getString("details")));
        return json;
    }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
