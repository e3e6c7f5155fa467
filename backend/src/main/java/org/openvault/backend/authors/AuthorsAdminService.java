package org.openvault.backend.authors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.openvault.backend.auth.Authenticator;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.auth.Permission;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.ContentChecks;
import org.openvault.backend.richtext.RichText;
import org.openvault.backend.validation.Violations;

/**
 * {@code /api/admin/v1/authors}: editors list, create and change authors, moderators delete them. Authors have no
 * drafts: a change is live at once (the {@code author} table advances content_version, so cached public answers that
 * show the author are renewed). Answers carry an {@code ETag} made from the author's {@code updated_at}; changes must
 * send it back in {@code If-Match} (428 without, 412 when someone changed the author meanwhile). An author that an
 * exhibit lists, live or in a draft, cannot be deleted (409 {@code author_in_use}, naming the exhibits).
 */
public final class AuthorsAdminService implements HttpService {

    public static final int MAX_NAME = 100;
    private static final Set<String> FIELDS = Set.of("name", "bio", "image_id");

    private final Sql sql;
    private final AuthorEdits authors;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public AuthorsAdminService(Sql sql, AuthorEdits authors, Authenticator authenticator, AuditLog audit) {
        this.sql = sql;
        this.authors = authors;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticator.secured(Permission.READ_CONTENT, this::list))
                .post("/", authenticator.secured(Permission.EDIT_AUTHORS, this::create))
                .get("/{id}", authenticator.secured(Permission.READ_CONTENT, this::show))
                .put("/{id}", authenticator.secured(Permission.EDIT_AUTHORS, this::update))
                .delete("/{id}", authenticator.secured(Permission.DELETE_CONTENT, this::delete));
    }

    /** An author's fields as checked from a request body: name stripped, bio sanitised. */
    private record Fields(String name, String bio, Integer imageId) {
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
        ObjectNode body = AdminJson.readObject(req);
        AuthorEdits.EditedAuthor created = sql.inTransaction(tx -> {
            Fields fields = fields(tx, body);
            long id = authors.insert(tx, fields.name(), fields.bio(), fields.imageId());
            Map<String, Object> details = new HashMap<>();
            details.put("name", fields.name());
            details.put("image_id", fields.imageId());
            audit.record(tx, caller, "author.create", subject(id, fields.name()), details);
            return authors.find(tx, id).orElseThrow();
        });
        res.header(HeaderNames.LOCATION, "/api/admin/v1/authors/" + created.id());
        send(res, Status.CREATED_201, created, List.of());
    }

    /** Replaces name, bio and image (a field left out is emptied, as in a form). */
    private void update(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        ObjectNode body = AdminJson.readObject(req);
        String ifMatch = ifMatch(req);
        AuthorEdits.EditedAuthor updated = sql.inTransaction(tx -> {
            AuthorEdits.EditedAuthor current = lockForWrite(tx, id, ifMatch, false);
            Fields fields = fields(tx, body);
            List<String> changed = new ArrayList<>();
            if (!fields.name().equals(current.name())) {
                changed.add("name");
            }
            if (!fields.bio().equals(current.bio())) {
                changed.add("bio");
            }
            if (!Objects.equals(fields.imageId(), current.imageId())) {
                changed.add("image_id");
            }
            authors.update(tx, id, fields.name(), fields.bio(), fields.imageId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("changed", changed);
            if (changed.contains("name")) {
                details.put("previous_name", current.name());
            }
            audit.record(tx, caller, "author.update", subject(id, fields.name()), details);
            return authors.find(tx, id).orElseThrow();
        });
        send(res, Status.OK_200, updated, authors.usedBy(sql, id));
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        long id = id(req);
        String ifMatch = ifMatch(req);
        sql.inTransaction(tx -> {
            AuthorEdits.EditedAuthor current = lockForWrite(tx, id, ifMatch, true);
            List<Map<String, Object>> usedBy = authors.usedBy(tx, id);
            if (!usedBy.isEmpty()) {
                throw AdminProblem.conflict("author_in_use", current.name() + " is listed by " + usedBy.size()
                                + (usedBy.size() == 1 ? " exhibit" : " exhibits")
                                + "; remove the author from them (drafts included) first")
                        .with("used_by", usedBy);
            }
            authors.delete(tx, id);
            Map<String, Object> details = new HashMap<>();
            details.put("image_id", current.imageId());
            audit.record(tx, caller, "author.delete", subject(id, current.name()), details);
            return null;
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    private Fields fields(Statements tx, ObjectNode body) {
        Violations violations = new Violations();
        JsonFields.onlyKnown(body, "", FIELDS, violations);
        String name = JsonFields.text(body, "", "name", "", Integer.MAX_VALUE, true, violations).strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            violations.add("/name", "too_long", "name is longer than " + MAX_NAME + " characters");
        }
        String bio = JsonFields.text(body, "", "bio", "", ContentChecks.MAX_RICH_TEXT, false, violations);
        Long image = JsonFields.integer(body, "", "image_id", null, 1, Integer.MAX_VALUE, violations);
        if (image != null && !authors.imageExists(tx, image.intValue())) {
            violations.add("/image_id", "unknown_image", "there is no image " + image);
        }
        violations.throwIfAny();
        return new Fields(name, RichText.sanitise(bio, RichText.Features.DEFAULT),
                image == null ? null : image.intValue());
    }

    private AuthorEdits.EditedAuthor lockForWrite(Statements tx, long id, String ifMatch, boolean forDelete) {
        AuthorEdits.EditedAuthor current = authors.lock(tx, id, forDelete)
                .orElseThrow(AuthorsAdminService::noSuchAuthor);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new AdminProblem(Status.PRECONDITION_REQUIRED_428, "if_match_required",
                    "send If-Match with the ETag of the author as you loaded it (" + current.etag() + ")");
        }
        if (!ifMatch.strip().equals(current.etag()) && !ifMatch.strip().equals("*")) {
            String who = authors.lastChangedBy(tx, id);
            throw new AdminProblem(Status.PRECONDITION_FAILED_412, "stale_author",
                    (who == null ? "someone" : who) + " changed this author at " + current.updatedAt()
                            + "; reload it before saving")
                    .with("updated_by", who)
                    .with("updated_at", current.updatedAt())
                    .with("etag", current.etag());
        }
        return current;
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

    private static AuditLog.Subject subject(long id, String name) {
        return new AuditLog.Subject("author", id, name);
    }

    private static long id(ServerRequest req) {
        return AdminParameters.pathId(req, "id", Long.MAX_VALUE, "author");
    }

    private static AdminProblem noSuchAuthor() {
        return AdminProblem.notFound("no such author");
    }
}
