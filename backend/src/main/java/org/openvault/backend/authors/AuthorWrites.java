package org.openvault.backend.authors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.editing.ContentChecks;
import org.openvault.backend.richtext.RichText;
import org.openvault.backend.validation.Violations;

/**
 * Creating, changing and deleting authors ({@code name}, {@code bio}, {@code image_id}), for the JSON API and the web
 * admin alike: the field checks, the bio's sanitising, the If-Match rule (428 without, 412 {@code stale_author}), the
 * author-in-use rule and the audit.
 */
public final class AuthorWrites {

    public static final int MAX_NAME = 100;
    private static final Set<String> FIELDS = Set.of("name", "bio", "image_id");

    private final Sql sql;
    private final AuthorEdits authors;
    private final AuditLog audit;

    public AuthorWrites(Sql sql, AuthorEdits authors, AuditLog audit) {
        this.sql = sql;
        this.authors = authors;
        this.audit = audit;
    }

    /** An author's fields as checked from a request body: name stripped, bio sanitised. */
    private record Fields(String name, String bio, Integer imageId) {
    }

    public AuthorEdits.EditedAuthor create(Caller caller, ObjectNode body) {
        return sql.inTransaction(tx -> {
            Fields fields = fields(tx, body);
            long id = authors.insert(tx, fields.name(), fields.bio(), fields.imageId());
            Map<String, Object> details = new HashMap<>();
            details.put("name", fields.name());
            details.put("image_id", fields.imageId());
            audit.record(tx, caller, "author.create", subject(id, fields.name()), details);
            return authors.find(tx, id).orElseThrow();
        });
    }

    /** Replaces name, bio and image (a field left out is emptied, as in a form). */
    public AuthorEdits.EditedAuthor update(Caller caller, long id, String ifMatch, ObjectNode body) {
        return sql.inTransaction(tx -> {
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
    }

    public void delete(Caller caller, long id, String ifMatch) {
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
                .orElseThrow(AuthorWrites::noSuchAuthor);
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

    private static AuditLog.Subject subject(long id, String name) {
        return new AuditLog.Subject("author", id, name);
    }

    static AdminProblem noSuchAuthor() {
        return AdminProblem.notFound("no such author");
    }
}
