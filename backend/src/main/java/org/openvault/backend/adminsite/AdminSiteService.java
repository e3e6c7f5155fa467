package org.openvault.backend.adminsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.admin.AdminProblem;

/**
 * {@code /admin/}: the editors' web admin, HTML rendered on the server, usable without JavaScript. It calls the same
 * Java services as the JSON admin API, in-process.
 */
public final class AdminSiteService implements HttpService {

    private final LoginPages login;
    private final DashboardPage dashboard;
    private final ExplorerPage explorer;
    private final EditPage edit;
    private final AddPage add;
    private final HistoryPage history;
    private final ModerationActions moderation;
    private final PeopleRoutes people;
    private final ImagesPages images;
    private final SiteSessions sessions;
    private final byte[] css = resource("/admin-static/admin.css");
    private final byte[] script = resource("/admin-static/admin.js");

    public AdminSiteService(LoginPages login, DashboardPage dashboard, ExplorerPage explorer, EditPage edit,
                            AddPage add, HistoryPage history, ModerationActions moderation,
                            PeopleRoutes people, ImagesPages images, SiteSessions sessions) {
        this.login = login;
        this.dashboard = dashboard;
        this.explorer = explorer;
        this.edit = edit;
        this.add = add;
        this.history = history;
        this.moderation = moderation;
        this.people = people;
        this.images = images;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", login::form)
                .post("/login", login::submit)
                .post("/logout", login::logOut)
                .get("/static/admin.css", (req, res) -> asset(res, "text/css; charset=UTF-8", css))
                .get("/static/admin.js", (req, res) -> asset(res, "text/javascript; charset=UTF-8", script))
                .get("/", dashboard::show)
                .get("/pages", (req, res) -> SiteTemplates.seeOther(res, "/admin/pages/"))
                .get("/pages/", explorer::home)
                .get("/pages/{id}/children", explorer::children)
                .get("/pages/{id}/edit", edit::show)
                .post("/pages/{id}/edit", edit::submit)
                .get("/pages/{id}/add", add::form)
                .post("/pages/{id}/add", add::submit)
                .get("/pages/{id}/history", history::show)
                .get("/pages/{id}/history/compare", history::compare)
                .post("/pages/{id}/history/{revision}/revert", history::revert)
                .post("/pages/{id}/move", moderation::move)
                .post("/pages/{id}/schedule", moderation::schedule)
                .get("/pages/{id}/delete", moderation::confirmDelete)
                .post("/pages/{id}/delete", moderation::delete);
        rules.get("/images", images::list)
                .get("/images/upload", images::uploadForm)
                .post("/images/upload", images::upload)
                .get("/images/{id}", images::show)
                .post("/images/{id}", images::submit);
        people.register(rules);
        rules.any("/*", this::notFound);
    }

    // Signed-out visitors go to the login form before learning which admin addresses exist.
    private void notFound(ServerRequest req, ServerResponse res) {
        sessions.signedIn(req);
        throw AdminProblem.notFound("no such admin page");
    }

    private static void asset(ServerResponse res, String type, byte[] content) {
        res.header(HeaderNames.CONTENT_TYPE, type)
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=3600")
                .send(content);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminSiteService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
