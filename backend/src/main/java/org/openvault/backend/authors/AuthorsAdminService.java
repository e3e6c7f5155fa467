package org.openvault.backend.authors;

import java.util.List;
import java.util.Map;

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
import org.openvault.backend.admin.Paging;
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;

/**
 * {@code /api/admin/v1/authors}: editors list, create and change authors, moderators delete them. Authors have no
 * drafts: a change is live at once (the {@code author} table advances content_version, so cached public answers that
 * show the author are renewed). Answers carry an {@code ETag} made from the author's {@code updated_at}; changes must
 * send it back in {@code If-Match} (428 without, 412 when someone changed the author meanwhile). An author that an
 * exhibit lists, live or in a draft, cannot be deleted (409 {@code author_in_use}, naming the exhibits).
 */
public final class AuthorsAdminService implements HttpService {

    public static final int MAX_NAME = AuthorWrites.MAX_NAME;

    private final Sql sql;
    private final AuthorEdits authors;
    private final AuthorWrites writes;
    private final Authenticator authenticator;

    public AuthorsAdminService(Sql sql, AuthorEdits authors, AuthorWrites writes, Authenticator authenticator) {
        this.sql = sql;
        this.authors = authors;
        this.writes = writes;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::list))
                .post("/", authenticator.secured(Permission.EDIT_AUTHORS, this::create))
                .get("/{id}", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/{id}", authenticator.secured(Permission.EDIT_AUTHORS, this::update))
                .delete("/{id}", authenticator.secured(Permission.DELETE_CONTENT, this::delete));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        String search = req.query().contains("search") ? req.query().get("search") : null;
        var items = authors.list(sql, search, paging.limit(), paging.offset()).stream()
                .map(AuthorEdits.EditedAuthor::json).toList();
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset", paging.offset()));
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        AuthorEdits.EditedAuthor author = authors.find(sql, id).orElseThrow(AuthorsAdminService::noSuchAuthor);
        send(res, Status.OK_200, author, authors.usedBy(sql, id));
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        AuthorEdits.EditedAuthor created = writes.create(caller, AdminJson.readObject(req));
        res.header(HeaderNames.LOCATION, "/api/admin/v1/authors/" + created.id());
        send(res, Status.CREATED_201, created, List.of());
    }

    /** Replaces name, bio and image (a field left out is emptied, as in a form). */
    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        ObjectNode body = AdminJson.readObject(req);
        AuthorEdits.EditedAuthor updated = writes.update(caller, id, ifMatch(req), body);
        send(res, Status.OK_200, updated, authors.usedBy(sql, id));
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        writes.delete(caller, id(req), ifMatch(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void send(ServerResponse res, Status status, AuthorEdits.EditedAuthor author,
                             List<Map<String, Object>> usedBy) {
        Map<String, Object> json = author.json();
        json.put("used_by", usedBy);
        res.header(HeaderNames.ETAG, author.etag());
        AdminJson.send(res, status, json);
    }

    private static String ifMatch(ServerRequest req) {
        return req.headers().first(HeaderNames.IF_MATCH).orElse(null);
    }

    private static long id(ServerRequest req) {
        return AdminParameters.pathId(req, "id", Long.MAX_VALUE, "author");
    }

    private static AdminProblem noSuchAuthor() {
        return AuthorWrites.noSuchAuthor();
    }
}
