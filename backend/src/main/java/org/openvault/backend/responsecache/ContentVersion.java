package org.openvault.backend.responsecache;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import org.openvault.backend.database.Sql;

/**
 * The published content's version: grows with every committed change to a tracked table (V40 migration). While a
 * {@link ContentVersionWatch} listens for the database's announcements of each change, the version is known here
 * and a request costs no database round trip; otherwise every request asks the database. After each of this
 * backend's own transactions the version is read again, so its own writes show in its very next answer.
 */
public final class ContentVersion {

    static final String CURRENT = "SELECT version FROM content_version";
    /** The version a response is being rendered for, while {@link #renderingAt} runs. */
    private static final ThreadLocal<Long> RENDERING = new ThreadLocal<>();

    private final Sql sql;
    private final Counter reads = Metrics.globalRegistry().getOrCreate(Counter.builder("ov_content_version_reads")
            .description("Reads of the content version from the database"));
    private volatile long known = -1;
    /** Until when ({@link System#nanoTime}) the watch vouches that {@link #known} is current; 0: it does not. */
    private volatile long vouchedUntil;

    public ContentVersion(Sql sql) {
        this.sql = sql;
    }

    public long current() {
        long until = vouchedUntil;
        return until != 0 && until - System.nanoTime() > 0 ? known : read();
    }

    /** Reads the version from the database (and learns it). */
    public long read() {
        reads.increment();
        long version = sql.one(CURRENT, rs -> rs.getLong(1)).orElseThrow(
                () -> new IllegalStateException("content_version has no row: is the database migrated?"));
        learned(version);
        return version;
    }

    /** A version committed in the database: the version known here never goes back. */
    synchronized void learned(long version) {
        if (version > known) {
            known = version;
        }
    }

    /**
     * The watch heard from the database just now and every committed change is announced to {@link #learned}: the
     * known version may be used without asking for {@code period}, unless it vouches again (else each request asks).
     */
    void vouchFor(Duration period) {
        vouchedUntil = System.nanoTime() + period.toNanos();
    }

    /** The watch cannot vouch for the known version any more: each request asks the database. */
    void unvouched() {
        vouchedUntil = 0;
    }

    /**
     * Runs {@code render} as the rendering of a response kept under {@code version}: caches consulted meanwhile
     * ({@link #forThisRendering}) must answer as of that version, or the response would keep older data under it.
     */
    public <T> T renderingAt(long version, Supplier<T> render) {
        Long outer = RENDERING.get();
        RENDERING.set(version);
        try {
            return render.get();
        } finally {
            if (outer == null) {
                RENDERING.remove();
            } else {
                RENDERING.set(outer);
            }
        }
    }

    /** The version of the response being rendered (see {@link #renderingAt}), else the current one. */
    public long forThisRendering() {
        Long rendering = RENDERING.get();
        return rendering != null ? rendering : current();
    }
}
