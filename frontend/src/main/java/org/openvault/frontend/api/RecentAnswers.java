package org.openvault.frontend.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent good backend answers, least recently used evicted first, bounded in number. */
final class RecentAnswers {

    private final Map<String, Remembered> entries;
    private final long freshNanos;
    private final long maxStaleNanos;

    RecentAnswers(int maxEntries, Duration fresh, Duration maxStale) {
        this.freshNanos = fresh.toNanos();
        this.maxStaleNanos = maxStale.toNanos();
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized void remember(String key, BackendApi.Answer answer) {
        entries.put(key, new Remembered(answer, System.nanoTime()));
    }

    /** The answer if it is younger than the fresh period (0 = never), else null. */
    synchronized BackendApi.Answer fresh(String key) {
        if (freshNanos <= 0) {
            return null;
        }
        Remembered entry = entries.get(key);
        if (entry == null || System.nanoTime() - entry.at >= freshNanos) {
            return null;
        }
        return new BackendApi.Answer(entry.answer.status(), entry.answer.body(), true, 0);
    }

    /** The remembered answer marked with its age (at least 1 s), or null when none or too old. */
    synchronized BackendApi.Answer stale(String key) {
        Remembered entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        long age = System.nanoTime() - entry.at;
        if (age > maxStaleNanos) {
            entries.remove(key);
            return null;
        }
        return new BackendApi.Answer(entry.answer.status(), entry.answer.body(), true, Math.max(1, age / 1_000_000_000L));
    }

    private record Remembered(BackendApi.Answer answer, long at) {
    }
}
