package org.openvault.backend.editing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.DatabaseException;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.backend.database.SqlStates;
import org.openvault.backend.validation.ValidationException;

/**
 * Scheduled publishing that runs by itself, inside every backend, with no cron to set up: every few seconds due
 * revisions ({@code approved_go_live_at} passed) go live and live pages whose {@code expire_at} passed come off the
 * site. Any number of replicas may run it: a round starts only with PostgreSQL's advisory lock (one replica at a time)
 * and takes each page with {@code FOR UPDATE SKIP LOCKED} in its own transaction, which also clears the schedule, so
 * each due page is published exactly once. A page that can no longer go live (its images were deleted meanwhile)
 * has its schedule cleared and the failure written to the audit log. Rounds also purge ended sessions, old failed
 * logins and day-old previews.
 */
public final class ScheduledPublishing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScheduledPublishing.class.getName());
    private static final AuditLog.Actor SCHEDULER = new AuditLog.Actor(null, "scheduler", "");
    private static final int MAX_PAGES_PER_ROUND = 500;

    private final Sql sql;
    private final PageEditRepository pages;
    private final PageTypes types;
    private final PageEditing editing;
    private final AuditLog audit;
    private final ScheduledExecutorService timer;

    public ScheduledPublishing(Sql sql, PageEditRepository pages, PageTypes types, PageEditing editing,
                               AuditLog audit, Duration interval) {
        this.sql = sql;
        this.pages = pages;
        this.types = types;
        this.editing = editing;
        this.audit = audit;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("scheduler")
                .factory());
        timer.scheduleWithFixedDelay(this::safeRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            // The database may be down; the next round tries again.
            LOG.log(Level.WARNING, "Scheduled publishing round failed: " + e.getMessage());
        }
    }

    /** One round: due publications, then expiries, then housekeeping. Answers how many pages changed. */
    public int round() {
        int changed = 0;
        for (int i = 0; i < MAX_PAGES_PER_ROUND; i++) {
            long[] attempt = new long[2];
            Optional<Boolean> step;
            try {
                step = sql.inTransaction(tx -> publishOneDue(tx, attempt));
            } catch (DatabaseException e) {
                if (attempt[1] == 0 || SqlStates.isTransient(SqlStates.of(e))) {
                    throw e;
                }
                // The write broke a constraint (something the revision refers to is gone): give up this schedule.
                sql.inTransaction(tx -> giveUp(tx, (int) attempt[1], attempt[0], SqlStates.constraint(e)));
                continue;
            }
            if (step.isEmpty()) {
                break;
            }
            changed += step.get() ? 1 : 0;
        }
        for (int i = 0; i < MAX_PAGES_PER_ROUND; i++) {
            if (!sql.inTransaction(this::expireOne)) {
                break;
            }
            changed++;
        }
        sql.inTransaction(tx -> {
            tx.update("DELETE FROM auth_session WHERE expires_at < now() - interval '1 day'"
                    + " OR revoked_at < now() - interval '1 day'");
            tx.update("DELETE FROM login_failure WHERE failed_at < now() - interval '1 day'");
            tx.update("DELETE FROM page_preview WHERE created_at < now() - interval '1 day'");
            return null;
        });
        return changed;
    }

    /** Empty when nothing is due (or another replica holds the round); else whether the page went live. */
    private Optional<Boolean> publishOneDue(Statements tx, long[] attempt) {
        if (!roundLock(tx)) {
            return Optional.empty();
        }
        Optional<long[]> due = tx.one("SELECT r.id AS revision_id, r.page_id FROM page_revision r"
                        + " JOIN page p ON p.id = r.page_id WHERE r.approved_go_live_at <= now()"
                        + " ORDER BY r.approved_go_live_at, r.id LIMIT 1 FOR UPDATE OF p SKIP LOCKED",
                rs -> new long[] {rs.getLong("revision_id"), rs.getLong("page_id")});
        if (due.isEmpty()) {
            return Optional.empty();
        }
        int pageId = (int) due.get()[1];
        long revisionId = due.get()[0];
        attempt[0] = revisionId;
        attempt[1] = pageId;
        PageState state = pages.find(tx, pageId).orElseThrow();
        ObjectNode content = pages.revisionContent(tx, pageId, revisionId).orElseThrow();
        Optional<TypeFields> fields = types.get(state.type());
        try {
            if (fields.isEmpty()) {
                throw new IllegalStateException("pages of type " + state.type() + " are not editable here");
            }
            editing.publishContent(tx, state, fields.get(), content, revisionId);
        } catch (ValidationException | IllegalStateException e) {
            giveUp(tx, pageId, revisionId, e.getMessage());
            return Optional.of(false);
        }
        audit.record(tx, SCHEDULER, "page.publish", new AuditLog.Subject("page", pageId, content.path("title").asText()),
                Map.of("revision_id", revisionId, "scheduled", true));
        return Optional.of(true);
    }

    private Object giveUp(Statements tx, int pageId, long revisionId, String reason) {
        PageState state = pages.lock(tx, pageId).orElseThrow();
        pages.schedule(tx, pageId, null, null, state.expireAt() == null ? null : OffsetDateTime.parse(state.expireAt()));
        audit.record(tx, SCHEDULER, "page.publish_failed", new AuditLog.Subject("page", pageId, state.title()),
                Map.of("revision_id", revisionId, "reason", reason));
        return null;
    }

    private boolean expireOne(Statements tx) {
        if (!roundLock(tx)) {
            return false;
        }
        Optional<PageState> due = tx.one("SELECT id FROM page WHERE live AND expire_at <= now()"
                        + " ORDER BY expire_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", rs -> rs.getInt("id"))
                .flatMap(id -> pages.find(tx, id));
        if (due.isEmpty()) {
            return false;
        }
        pages.markUnpublished(tx, due.get().id(), true);
        audit.record(tx, SCHEDULER, "page.expire", new AuditLog.Subject("page", due.get().id(), due.get().title()),
                Map.of());
        return true;
    }

    // One replica at a time works through the due pages; the others find the lock taken and wait for their next round.
    private static boolean roundLock(Statements tx) {
        return tx.one("SELECT pg_try_advisory_xact_lock(hashtext('ov.scheduled-publishing'))", rs -> rs.getBoolean(1))
                .orElse(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
