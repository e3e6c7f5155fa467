package org.openvault.backend.audit;

import java.util.Map;

import org.openvault.backend.api.ApiJson;
import org.openvault.backend.auth.Caller;
import org.openvault.backend.database.Statements;

/**
 * Writes audit entries. Callers pass their transaction, so the entry commits with the change it records
 * or not at all.
 */
public final class AuditLog {

    /** Who acted: an account (null id for an unknown username at a failed login) and where they came from. */
    public record Actor(Long userId, String username, String clientAddress) {

        public static Actor of(Caller caller) {
            return new Actor(caller.userId(), caller.username(), caller.clientAddress());
        }
    }

    /** What was acted on: a type ({@code page}, {@code user}…), its id and a title to read it by later. */
    public record Subject(String type, Object id, String title) {

        public static final Subject NONE = new Subject("", "", "");
    }

    public void record(Statements db, Actor actor, String action, Subject subject, Map<String, ?> details) {
        db.update("INSERT INTO audit_log (user_id, username, action, object_type, object_id, object_title,"
                        + " client_address, details) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))",
                actor.userId(), actor.username() == null ? "" : actor.username(), action, subject.type(),
                String.valueOf(subject.id()), subject.title() == null ? "" : subject.title(),
                actor.clientAddress() == null ? "" : actor.clientAddress(), new String(ApiJson.bytes(details),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    public void record(Statements db, Caller caller, String action, Subject subject, Map<String, ?> details) {
        record(db, Actor.of(caller), action, subject, details);
    }
}
