package org.openvault.backend.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.admin.AdminParameters;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.admin.Paging;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/tokens}: named bearer tokens for scripts ({@code Authorization: Bearer ov_…}). A token acts
 * with its account's role, expires, can be revoked, and its secret is shown once, in the answer that creates it.
 */
public final class TokensService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final AuthSettings settings;

    public TokensService(Sql sql, UserRepository users, SessionRepository sessions,
                         Authenticator authenticator, AuditLog audit, AuthSettings settings) {
        this.sql = sql;
        this.users = users;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.MANAGE_TOKENS, this::list))
                .post("/", authenticator.secured(Permission.MANAGE_TOKENS, this::create))
                .get("/{id}", authenticator.secured(Permission.MANAGE_TOKENS, this::show))
                .delete("/{id}", authenticator.secured(Permission.MANAGE_TOKENS, this::revoke));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        AdminJson.send(res, Status.OK_200, Map.of("items",
                sessions.tokens(sql, paging.limit(), paging.offset()),
                "limit", paging.limit(), "offset", paging.offset()));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        AdminJson.send(res, Status.OK_200, sessions.token(sql, id(req))
                .orElseThrow(() -> AdminProblem.notFound("no such token")));
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("name", "user_id", "expires_in_days"), violations);
        String name = JsonFields.text(body, "", "name", "", 100, true, violations);
        long userId = JsonFields.integer(body, "", "user_id", caller.userId(), 1, Long.MAX_VALUE, violations);
        long days = JsonFields.integer(body, "", "expires_in_days", 90L, 1, settings.tokenMaxDays(), violations);
        violations.throwIfAny();
        String secret = SessionSecrets.newSecret(SessionSecrets.TOKEN_PREFIX);
        Map<String, Object> created = sql.inTransaction(tx -> {
            User owner = users.find(tx, userId).filter(User::active).orElse(null);
            if (owner == null) {
                new Violations().add("/user_id", "unknown_user", "no active user has this id").throwIfAny();
            }
            SessionRepository.Created token = sessions.create(tx, userId, Caller.SessionKind.TOKEN,
                    SessionSecrets.hash(secret), null, name, days * 86_400, caller.userId(), caller.clientAddress());
            audit.record(tx, caller, "token.create", new AuditLog.Subject("token", token.id(), name),
                    Map.of("user_id", userId, "expires_at", token.expiresAt()));
            return sessions.token(tx, token.id()).orElseThrow();
        });
        Map<String, Object> answer = new LinkedHashMap<>(created);
        answer.put("token", secret);
        res.header(HeaderNames.LOCATION, "/api/admin/v1/tokens/" + created.get("id"));
        AdminJson.send(res, Status.CREATED_201, answer);
    }

    private static long id(ServerRequest req) {
        return AdminParameters.pathId(req, "id", Long.MAX_VALUE, "token");
    }

    private void revoke(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        sql.inTransaction(tx -> {
            Map<String, Object> token = sessions.token(tx, id)
                    .orElseThrow(() -> AdminProblem.notFound("no such token"));
            if (sessions.revoke(tx, id)) {
                audit.record(tx, caller, "token.revoke", new AuditLog.Subject("token", id, (String) token.get("name")),
                        Map.of());
            }
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }
}
