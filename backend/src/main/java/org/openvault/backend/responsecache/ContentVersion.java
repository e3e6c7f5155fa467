package org.openvault.backend.responsecache;

import java.util.function.Supplier;

import org.openvault.backend.database.Sql;

/** The published content's version: grows with every committed change to a tracked table (V40 migration). */
public final class ContentVersion {

    private static final String CURRENT = "SELECT version FROM content_version";
    /** The version a response is being rendered for, while {@link #renderingAt} runs. */
    private static final ThreadLocal<Long> RENDERING = new ThreadLocal<>();

    private final Sql sql;

    public ContentVersion(Sql sql) {
        this.sql = sql;
    }

    public long current() {
        return sql.one(CURRENT, rs -> rs.getLong(1)).orElseThrow(
                () -> new IllegalStateException("content_version has no row: is the database migrated?"));
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

    /** The version of the response being rendered (see {@link #renderingAt}), else the current one (a query). */
    public long forThisRendering() {
        Long rendering = RENDERING.get();
        return rendering != null ? rendering : current();
    }
}
