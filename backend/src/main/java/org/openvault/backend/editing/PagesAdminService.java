package org.openvault.backend.editing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/pages}: the page tree, drafts, revisions and publishing over HTTP. Page answers carry the
 * {@code ETag} of the latest revision; every write must send it back in {@code If-Match} (428 without, 412 when
 * someone saved a newer revision meanwhile).
 */
public final class PagesAdminService implements HttpService {

    private final Sql sql;
    private final PageEditing editing;
    private final PageEditRepository pages;
    private final PageExplorer explorer;
    private final Authenticator authenticator;

    public PagesAdminService(Sql sql, PageEditing editing, PageEditRepository pages, PageExplorer explorer,
                             Authenticator authenticator) {
        this.sql = sql;
        this.editing = editing;
        this.pages = pages;
        this.explorer = explorer;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::list))
                .post("/", authenticator.secured(Permission.EDIT_PAGES, this::create))
                .get("/{id}", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/{id}", authenticator.secured(Permission.EDIT_PAGES, this::save))
                .delete("/{id}", authenticator.secured(Permission.DELETE_CONTENT, this::delete))
                .post("/{id}/publish", authenticator.secured(Permission.PUBLISH, this::publish))
                .post("/{id}/unpublish", authenticator.secured(Permission.PUBLISH, this::unpublish))
                .post("/{id}/schedule", authenticator.secured(Permission.PUBLISH, this::schedule))
                .post("/{id}/move", authenticator.secured(Permission.MOVE_PAGES, this::move))
                .get("/{id}/revisions", authenticator.secured(Permission.READ_CONTENT, this::revisions))
                .get("/{id}/revisions/compare", authenticator.secured(Permission.READ_CONTENT, this::compare))
                .get("/{id}/revisions/{revision}", authenticator.secured(Permission.READ_CONTENT, this::revision))
                .post("/{id}/revisions/{revision}/revert", authenticator.secured(Permission.EDIT_PAGES, this::revert));
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        Paging paging = Paging.of(req.query());
        Integer parent = req.query().contains("parent_id")
                ? (int) AdminParameters.positiveQueryNumber(req.query().get("parent_id"), "parent_id") : null;
        String search = req.query().contains("search") ? req.query().get("search") : null;
        String type = req.query().contains("type") ? req.query().get("type") : null;
        var items = explorer.list(sql,
                new PageExplorer.Query(parent, search, type, paging.limit(), paging.offset()));
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset", paging.offset()));
    }

    private void create(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("type", "parent_id", "content"), violations);
        String type = JsonFields.text(body, "", "type", "", 100, true, violations);
        Long parent = JsonFields.integer(body, "", "parent_id", null, 1, Integer.MAX_VALUE, violations);
        if (parent == null && !body.hasNonNull("parent_id")) {
            violations.add("/parent_id", "required", "parent_id is required");
        }
        violations.throwIfAny();
        EditedPage page = editing.create(caller, type, parent.intValue(), body.get("content"));
        res.header(HeaderNames.LOCATION, "/api/admin/v1/pages/" + page.state().id());
        send(res, Status.CREATED_201, page);
    }

    private void show(Caller caller, ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, editing.get(id(req)));
    }

    private void save(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        onlyKnown(body, Set.of("content"));
        send(res, Status.OK_200, editing.saveDraft(caller, id(req), ifMatch(req), body.get("content")));
    }

    private void publish(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readOptionalObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("revision_id"), violations);
        Long revision = JsonFields.integer(body, "", "revision_id", null, 1, Long.MAX_VALUE, violations);
        violations.throwIfAny();
        send(res, Status.OK_200, editing.publish(caller, id(req), ifMatch(req), revision));
    }

    private void unpublish(Caller caller, ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, editing.unpublish(caller, id(req), ifMatch(req)));
    }

    private void schedule(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("go_live_at", "expire_at"), violations);
        OffsetDateTime goLive = time(body, "go_live_at", violations);
        OffsetDateTime expire = time(body, "expire_at", violations);
        violations.throwIfAny();
        send(res, Status.OK_200, editing.schedule(caller, id(req), ifMatch(req), goLive, expire));
    }

    private void move(Caller caller, ServerRequest req, ServerResponse res) {
        ObjectNode body = AdminJson.readObject(req);
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", Set.of("parent_id"), violations);
        Long parent = JsonFields.integer(body, "", "parent_id", null, 1, Integer.MAX_VALUE, violations);
        if (parent == null && !violations.list().stream().anyMatch(v -> v.pointer().equals("/parent_id"))) {
            violations.add("/parent_id", "required", "parent_id is required");
        }
        violations.throwIfAny();
        send(res, Status.OK_200, editing.move(caller, id(req), ifMatch(req), parent.intValue()));
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        long deleted = editing.delete(caller, id(req), ifMatch(req));
        AdminJson.send(res, Status.OK_200, Map.of("pages_deleted", deleted));
    }

    private void revisions(Caller caller, ServerRequest req, ServerResponse res) {
        int id = id(req);
        Paging paging = Paging.of(req.query());
        PageState state = pages.find(sql, id).orElseThrow(() -> AdminProblem.notFound("no such page"));
        var items = pages.revisions(sql, id, paging.limit(), paging.offset()).stream().map(r -> {
            Map<String, Object> json = r.json();
            json.put("live", Long.valueOf(r.id()).equals(state.liveRevisionId()));
            json.put("latest", Long.valueOf(r.id()).equals(state.latestRevisionId()));
            return json;
        }).toList();
        AdminJson.send(res, Status.OK_200, Map.of("items", items, "limit", paging.limit(), "offset", paging.offset()));
    }

    private void revision(Caller caller, ServerRequest req, ServerResponse res) {
        int id = id(req);
        long revisionId = revisionId(req);
        PageEditRepository.Revision revision = pages.revision(sql, id, revisionId)
                .orElseThrow(() -> AdminProblem.notFound("no such revision of this page"));
        Map<String, Object> json = new LinkedHashMap<>(revision.json());
        json.put("content", pages.revisionContent(sql, id, revisionId).orElseThrow());
        AdminJson.send(res, Status.OK_200, json);
    }

    private void compare(Caller caller, ServerRequest req, ServerResponse res) {
        int id = id(req);
        if (!req.query().contains("from") || !req.query().contains("to")) {
            throw AdminProblem.badRequest("invalid_parameter", "compare needs from and to (revision ids)");
        }
        long from = AdminParameters.positiveQueryNumber(req.query().get("from"), "from");
        long to = AdminParameters.positiveQueryNumber(req.query().get("to"), "to");
        ObjectNode before = pages.revisionContent(sql, id, from)
                .orElseThrow(() -> AdminProblem.notFound("no revision " + from + " of this page"));
        ObjectNode after = pages.revisionContent(sql, id, to)
                .orElseThrow(() -> AdminProblem.notFound("no revision " + to + " of this page"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from);
        json.put("to", to);
        json.putAll(RevisionComparison.compare(before, after));
        AdminJson.send(res, Status.OK_200, json);
    }

    private void revert(Caller caller, ServerRequest req, ServerResponse res) {
        long revisionId = revisionId(req);
        send(res, Status.OK_200, editing.revert(caller, id(req), ifMatch(req), revisionId));
    }

    private static void send(ServerResponse res, Status status, EditedPage page) {
        res.header(HeaderNames.ETAG, page.state().etag());
        AdminJson.send(res, status, page.json());
    }

    private static String ifMatch(ServerRequest req) {
        return req.headers().first(HeaderNames.IF_MATCH).orElse(null);
    }

    private static OffsetDateTime time(ObjectNode body, String name, Violations violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            violations.add("/" + name, "invalid_time",
                    name + " must be ISO 8601 with an offset, e.g. 2027-01-31T09:00:00Z");
            return null;
        }
    }

    private static void onlyKnown(ObjectNode body, Set<String> known) {
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", known, violations);
        violations.throwIfAny();
    }

    private static int id(ServerRequest req) {
        return AdminParameters.intPathId(req, "id", "page");
    }

    private static long revisionId(ServerRequest req) {
        return AdminParameters.pathId(req, "revision", Long.MAX_VALUE, "revision");
    }
}
