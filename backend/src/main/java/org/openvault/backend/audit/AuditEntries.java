package org.openvault.backend.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.database.Sql;
import org.openvault.backend.pages.PageRepository;

/**
 * The audit log read newest first through its filters ({@code user_id}, {@code username}, {@code action},
 * {@code object_type}, {@code object_id}, {@code since}, {@code until}), for the JSON API and the web admin alike.
 */
public final class AuditEntries {

    private static final Map<String, String> EXACT_FILTERS = Map.of(
            "username", "lower(username) = lower(?)",
            "action", "action = ?",
            "object_type", "object_type = ?",
            "object_id", "object_id = ?");

    private final Sql sql;

    public AuditEntries(Sql sql) {
        this.sql = sql;
    }

    /** {@code filter} answers a filter's value, or null when it is not set; each entry as the JSON API shows it. */
    public List<Map<String, Object>> list(Function<String, String> filter, int limit, int offset) {
        StringBuilder where = new StringBuilder("true");
        List<Object> params = new ArrayList<>();
        EXACT_FILTERS.forEach((name, condition) -> {
            String value = filter.apply(name);
            if (value != null) {
                where.append(" AND ").append(condition);
                params.add(value);
            }
        });
        String userId = filter.apply("user_id");
        if (userId != null) {
            where.append(" AND user_id = ?");
            params.add(AdminParameters.positiveQueryNumber(userId, "user_id"));
        }
        time(filter, "since", " AND at >= ?", where, params);
        time(filter, "until", " AND at < ?", where, params);
        params.add(limit);
        params.add(offset);
        return sql.list("SELECT id, " + PageRepository.TS.formatted("at")
                + " AS at, user_id, username, action, object_type, object_id, object_title, client_address,"
                + " details::text AS details FROM audit_log WHERE " + where
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", AuditEntries::entry, params.toArray());
    }

    private static void time(Function<String, String> filter, String name, String condition, StringBuilder where,
                             List<Object> params) {
        String value = filter.apply(name);
        if (value == null) {
            return;
        }
        try {
            params.add(OffsetDateTime.parse(value));
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
