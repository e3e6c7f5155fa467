package org.openvault.frontend.api;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.openvault.frontend.caching.LeastRecentlyUsed;

/**
 * The most recent good backend answers, bounded by the bytes of their JSON. Answers that visitors can vary without
 * end are kept apart in a small budget of their own: searches, and answers that found nothing (a listing with no
 * items: an unknown slug). So no number of made-up URLs or different searches can push out the pages the site serves
 * stale while the backend is down.
 */
final class RecentAnswers {

    // Per entry beyond its JSON text and key: the map entry and the record. The parsed tree is counted as its text.
    private static final int ENTRY_OVERHEAD = 160;

    private final LeastRecentlyUsed<String, Remembered> pages;
    private final LeastRecentlyUsed<String, Remembered> queries;
    private final long freshNanos;
    private final long maxStaleNanos;

    RecentAnswers(long maxBytes, long maxQueryBytes, Duration fresh, Duration maxStale) {
        this.pages = new LeastRecentlyUsed<>(maxBytes, RecentAnswers::cost);
        this.queries = new LeastRecentlyUsed<>(maxQueryBytes, RecentAnswers::cost);
        this.freshNanos = fresh.toNanos();
        this.maxStaleNanos = maxStale.toNanos();
    }

    /**
     * Keeps a good answer whose JSON took {@code bytes} bytes on the wire; {@code search}: it answers a search.
     * Gives the answer back marked with when it becomes due for a refresh.
     */
    synchronized BackendApi.Answer remember(String key, BackendApi.Answer answer, long bytes, boolean search) {
        boolean query = search || foundNothing(answer.body());
        long now = System.nanoTime();
        (query ? pages : queries).remove(key);
        (query ? queries : pages).put(key, new Remembered(answer, now, bytes));
        return new BackendApi.Answer(answer.status(), answer.body(), false, 0, refreshDue(now), freshUntil(now));
    }

    /** When an answer remembered at {@code rememberedAt} becomes due for a refresh (0 when nothing is kept fresh). */
    private long refreshDue(long rememberedAt) {
        return freshNanos > 0 ? rememberedAt + freshNanos / 2 : 0;
    }

    /** When the fresh period of an answer remembered at {@code rememberedAt} ends (0 when nothing is kept fresh). */
    private long freshUntil(long rememberedAt) {
        return freshNanos > 0 ? rememberedAt + freshNanos : 0;
    }

    /**
     * The answer if it is younger than the fresh period (0 = never), else null. It is due for a refresh in the second
     * half of that period: asked for then, it is fetched again in the background while this one is still served, so
     * under steady traffic no visitor waits for the backend and no answer served is older than the fresh period.
     */
    synchronized Fresh fresh(String key) {
        if (freshNanos <= 0) {
            return null;
        }
        Remembered entry = lookUp(key);
        long age = entry == null ? Long.MAX_VALUE : System.nanoTime() - entry.at();
        if (age >= freshNanos) {
            return null;
        }
        return new Fresh(new BackendApi.Answer(entry.answer().status(), entry.answer().body(), true, 0,
                refreshDue(entry.at()), freshUntil(entry.at())), age >= freshNanos / 2);
    }

    /** A fresh answer, and whether it is due to be fetched again. */
    record Fresh(BackendApi.Answer answer, boolean dueForRefresh) {
    }

    /** The remembered answer marked with its age (at least 1 s), or null when none or too old. */
    synchronized BackendApi.Answer stale(String key) {
        Remembered entry = lookUp(key);
        if (entry == null) {
            return null;
        }
        long age = System.nanoTime() - entry.at();
        if (age > maxStaleNanos) {
            pages.remove(key);
            queries.remove(key);
            return null;
        }
        return new BackendApi.Answer(entry.answer().status(), entry.answer().body(), true,
                Math.max(1, age / 1_000_000_000L), 0, 0);
    }

    private Remembered lookUp(String key) {
        Remembered entry = pages.get(key);
        return entry != null ? entry : queries.get(key);
    }

    private static long cost(String key, Remembered entry) {
        return entry.bytes() + 2L * key.length() + ENTRY_OVERHEAD;
    }

    private static boolean foundNothing(JsonNode body) {
        JsonNode items = body.get("items");
        return items != null && items.isArray() && items.isEmpty();
    }

    private record Remembered(BackendApi.Answer answer, long at, long bytes) {
    }
}
