package org.openvault.frontend.api;

/**
 * How fresh the backend answers behind one site page are: whether any came stale from the cache of recent answers
 * (and how old the oldest was) and whether all came from that cache. One per site request, handed to each
 * {@link CmsClient} call the page makes and then to the page's rendering, which tells the client in its headers.
 */
public final class Freshness {

    private long staleSeconds = -1;
    private int answers;
    private int cachedAnswers;
    private long unchangedUntilNanos = Long.MAX_VALUE;
    private long freshUntilNanos = Long.MAX_VALUE;

    /** Counts one answer the page is built from; answers it unchanged. */
    BackendApi.Answer noted(BackendApi.Answer answer) {
        if (answer.staleSeconds() > 0) {
            staleSeconds = Math.max(staleSeconds, answer.staleSeconds());
        }
        answers++;
        unchangedUntilNanos = Math.min(unchangedUntilNanos, answer.refreshDueNanos());
        freshUntilNanos = Math.min(freshUntilNanos, answer.freshUntilNanos());
        if (answer.cached()) {
            cachedAnswers++;
        }
        return answer;
    }

    /** Whether every answer came from the cache of recent answers (none asked the backend). */
    public boolean allCached() {
        return answers > 0 && cachedAnswers == answers;
    }

    /**
     * When ({@link System#nanoTime}) the first answer the page was built from becomes due for a refresh: until then
     * every answer it was built from is what any request would get. 0 when it was built from none, or from one not
     * kept (a draft, a stale or failed answer).
     */
    public long unchangedUntilNanos() {
        return answers == 0 ? 0 : unchangedUntilNanos;
    }

    /** When the fresh period of the first answer the page was built from ends; 0 as for {@link #unchangedUntilNanos}. */
    public long freshUntilNanos() {
        return answers == 0 ? 0 : freshUntilNanos;
    }

    /** The age in seconds of the oldest stale answer used, or -1 when every answer was fresh. */
    public long staleSeconds() {
        return staleSeconds;
    }
}
