package org.openvault.backend.auth;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every admin route against every role: a role below the route's permission gets 403, one at or above it gets past
 * the check (the requests carry no If-Match or an invalid body, so they stop at 428/422/404 and change nothing),
 * and no credentials get 401.
 */
class RoleMatrixTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withContentFixture();

    private static final Map<Role, AdminApi> APIS = new EnumMap<>(Role.class);
    private static int page;

    /** One route: method, path ({@code {page}} is a real page id), body, and the least role allowed. */
    record Route(String method, String path, String body, Role least) {
    }

    @BeforeAll
    static void accounts() {
        for (Role role : Role.values()) {
            APIS.put(role, new AdminApi(backend, AdminFixture.tokenFor(backend.db(), "matrix-" + role.key(), role)));
        }
        page = (int) backend.db().queryLong("SELECT id FROM page WHERE slug = 'ex-plain-new'");
    }

    static List<Route> routes() {
        String invalid = "{\"unknown_member\": true}";
        List<Route> routes = new ArrayList<>(List.of(
                new Route("GET", "/me", null, Role.EDITOR),
                new Route("GET", "/session", null, Role.EDITOR),
                new Route("GET", "/pages/", null, Role.EDITOR),
                new Route("GET", "/pages/{page}", null, Role.EDITOR),
                new Route("GET", "/pages/{page}/revisions", null, Role.EDITOR),
                new Route("POST", "/pages/", invalid, Role.EDITOR),
                new Route("PUT", "/pages/{page}", "{\"content\":{}}", Role.EDITOR),
                new Route("POST", "/pages/{page}/revisions/1/revert", null, Role.EDITOR),
                new Route("POST", "/pages/{page}/publish", null, Role.MODERATOR),
                new Route("POST", "/pages/{page}/unpublish", null, Role.MODERATOR),
                new Route("POST", "/pages/{page}/schedule", "{}", Role.MODERATOR),
                new Route("POST", "/pages/{page}/move", "{\"parent_id\":3}", Role.MODERATOR),
                new Route("DELETE", "/pages/{page}", null, Role.MODERATOR),
                new Route("GET", "/authors/", null, Role.EDITOR),
                new Route("GET", "/authors/999999", null, Role.EDITOR),
                new Route("POST", "/authors/", invalid, Role.EDITOR),
                new Route("PUT", "/authors/999999", invalid, Role.EDITOR),
                new Route("DELETE", "/authors/999999", null, Role.MODERATOR),
                new Route("GET", "/masterpiece/seasons/", null, Role.EDITOR),
                new Route("GET", "/masterpiece/seasons/999", null, Role.EDITOR),
                new Route("PUT", "/masterpiece/seasons/999", invalid, Role.EDITOR),
                new Route("DELETE", "/masterpiece/seasons/999", null, Role.MODERATOR),
                new Route("GET", "/masterpiece/miniseries/", null, Role.EDITOR),
                new Route("GET", "/masterpiece/miniseries/nosuchminiseries", null, Role.EDITOR),
                new Route("POST", "/masterpiece/miniseries/", invalid, Role.EDITOR),
                new Route("PUT", "/masterpiece/miniseries/nosuchminiseries", invalid, Role.EDITOR),
                new Route("DELETE", "/masterpiece/miniseries/nosuchminiseries", null, Role.MODERATOR),
                new Route("POST", "/previews/", invalid, Role.EDITOR),
                new Route("GET", "/images/", null, Role.EDITOR),
                new Route("GET", "/images/999999", null, Role.EDITOR),
                new Route("POST", "/images/", invalid, Role.EDITOR),
                new Route("PATCH", "/images/999999", invalid, Role.EDITOR),
                new Route("DELETE", "/images/999999", null, Role.MODERATOR),
                new Route("GET", "/users/", null, Role.ADMINISTRATOR),
                new Route("POST", "/users/", invalid, Role.ADMINISTRATOR),
                new Route("GET", "/users/1", null, Role.ADMINISTRATOR),
                new Route("PATCH", "/users/999999", invalid, Role.ADMINISTRATOR),
                new Route("PUT", "/users/999999/password", invalid, Role.ADMINISTRATOR),
                new Route("GET", "/tokens/", null, Role.ADMINISTRATOR),
                new Route("POST", "/tokens/", invalid, Role.ADMINISTRATOR),
                new Route("GET", "/tokens/999999", null, Role.ADMINISTRATOR),
                new Route("DELETE", "/tokens/999999", null, Role.ADMINISTRATOR),
                new Route("GET", "/audit/", null, Role.ADMINISTRATOR)));
        return routes;
    }

    @Test
    void eachRoleGetsExactlyWhatItsPermissionsAllow() {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            String path = route.path().replace("{page}", Integer.toString(page));
            int anonymous = AdminApi.anonymous(backend).send(route.method(), path, route.body(), null).statusCode();
            if (anonymous != 401) {
                wrong.add("anonymous " + route + " -> " + anonymous);
            }
            for (Role role : Role.values()) {
                HttpResponse<String> response = APIS.get(role).send(route.method(), path, route.body(), null);
                boolean allowed = role.compareTo(route.least()) >= 0;
                int status = response.statusCode();
                if (allowed ? (status == 401 || status == 403 || status >= 500) : status != 403) {
                    wrong.add(role.key() + " " + route.method() + " " + path + " -> " + status + " " + response.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE username LIKE 'matrix-%'"),
                "the matrix changed nothing");
    }
}
