package org.openvault.backend.auth;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminJson;
import org.openvault.backend.database.Sql;

/**
 * {@code /api/admin/v1/me}: the caller's own account, and changing one's own password (the current one is asked for,
 * so a session left open on a shared computer cannot take the account over). Other sessions end; this one stays.
 */
public final class MeService implements HttpService {

    private final Sql sql;
    private final UserRepository users;
    private final Authenticator authenticator;
    private final OwnPasswordChange ownPasswordChange;

    public MeService(Sql sql, UserRepository users, Authenticator authenticator, OwnPasswordChange ownPasswordChange) {
        this.sql = sql;
        this.users = users;
        this.authenticator = authenticator;
        this.ownPasswordChange = ownPasswordChange;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/password", authenticator.secured(Permission.READ_CONTENT, this::changePassword));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        User user = users.find(sql, caller.userId()).orElseThrow();
        Map<String, Object> json = user.json();
        json.put("permissions", java.util.Arrays.stream(Permission.values()).filter(caller::may)
                .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
        AdminJson.send(res, Status.OK_200, json);
    }

    private void changePassword(Caller caller, ServerRequest req, ServerResponse res) {
        ownPasswordChange.change(caller, AdminJson.readObject(req));
        res.status(Status.NO_CONTENT_204).send();
    }
}
