package org.openvault.backend.responsecache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiJson;

/**
 * Rendered JSON responses of the public read API, reused while the content version is unchanged: a hit costs no
 * database round trip (the version is known from the database's announcements, see {@link ContentVersionWatch}),
 * a change made through this backend is visible to its next request, and one made elsewhere (another replica, the
 * migration job) as soon as the database announces its commit: no time-based staleness, correct with several
 * backend replicas. Least recently used entries go when the byte budget is full. Searches (full-text search, series
 * search, listings with {@code ?search=}) have a budget of their own, so that many distinct search terms cannot
 * push out the pages. Listings in random order are never kept. Requests for an answer that is being rendered for the
 * same content version wait for that rendering instead of rendering it again, so that a change under load (every
 * busy answer missing at once) costs one rendering per answer, not one per request in flight.
 */
public final class ResponseCache {

    /** Tells whether a response came from the cache ({@code HIT}) or was rendered ({@code MISS}). */
    public static final String STATUS_HEADER = "X-OV-Cache";

    private final ContentVersion version;
    private final Shelf pages;
    private final Shelf searches;

    /** {@code maxBytes} for pages and listings, {@code searchMaxBytes} for searches; 0 keeps nothing. */
    public ResponseCache(ContentVersion version, long maxBytes, long searchMaxBytes) {
        this.version = version;
        this.pages = new Shelf(maxBytes);
        this.searches = new Shelf(searchMaxBytes);
    }

    /**
     * Sends the response of the request's URL from the cache when it is current, else renders it, sends it and keeps
     * it. Errors thrown by {@code render} pass through untouched (and are not kept).
     */
    public void send(ServerRequest req, ServerResponse res, Supplier<Object> render) {
        String key = req.prologue().uriPath().rawPath() + '?' + req.query().rawValue();
        Shelf shelf = req.query().contains("search") ? searches : pages;
        send(cacheable(req) ? shelf : null, key, res, render);
    }

    /**
     * Like {@link #send(ServerRequest, ServerResponse, Supplier)} for a search answer kept under {@code key}, which
     * must tell apart every two searches whose answers differ (and may be the same for searches written
     * differently, so that they share one answer).
     */
    public void sendSearch(String key, ServerResponse res, Supplier<Object> render) {
        send(searches, key, res, render);
    }

    /** {@code shelf} null: rendered afresh and not kept. */
    private void send(Shelf shelf, String key, ServerResponse res, Supplier<Object> render) {
        boolean keep = shelf != null && shelf.maxBytes() > 0;
        long current = version.current();
        Rendering mine = null;
        if (keep) {
            ResponseStore.Entry entry = shelf.store().get(key);
            if (entry != null && entry.version() == current) {
                sendKept(res, entry.body());
                return;
            }
            Rendering candidate = new Rendering(current, new CompletableFuture<>());
            Rendering running = shelf.renderings().putIfAbsent(key, candidate);
            if (running == null) {
                mine = candidate;
            } else if (running.version() == current) {
                byte[] body = running.body().join();
                if (body != null) {
                    sendKept(res, body);
                    return;
                }
            }
        }
        try {
            render(shelf, keep, key, current, res, render, mine);
        } finally {
            if (mine != null) {
                // Not kept (an error, or too long to keep): whoever waited renders it for themselves.
                mine.body().complete(null);
                shelf.renderings().remove(key, mine);
            }
        }
    }

    private static void sendKept(ServerResponse res, byte[] body) {
        res.header(STATUS_HEADER, "HIT").header(HeaderValues.CONTENT_TYPE_JSON).send(body);
    }

    /** {@code mine}: the rendering others wait for, told the body once it is rendered; null when no one waits. */
    private void render(Shelf shelf, boolean keep, String key, long current, ServerResponse res,
                        Supplier<Object> render, Rendering mine) {
        // Rendered after reading the version, so the body is at least as new as the version it is kept under; the
        // image JSON cache answers as of that version too (kept or not, no version query per image).
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        AnswerOutput out = new AnswerOutput(res, keep ? shelf.memoryLimit() : pages.memoryLimit());
        version.renderingAt(current, () -> {
            ApiJson.write(render.get(), out);
            return null;
        });
        if (out.streamed()) {
            close(out);
            return;
        }
        byte[] body = out.bytes();
        if (keep) {
            shelf.store().put(key, current, body);
            if (mine != null) {
                mine.body().complete(body);
            }
            res.header(STATUS_HEADER, "MISS");
        }
        res.send(body);
    }

    private static void close(AnswerOutput out) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random order differs on every call, and an authorised request may see more than the public: never kept. */
    static boolean cacheable(ServerRequest req) {
        for (String order : req.query().all("order", List::of)) {
            if (order.contains("random")) {
                return false;
            }
        }
        return !req.headers().contains(HeaderNames.AUTHORIZATION);
    }

    /**
     * One budget of kept answers. {@code memoryLimit}: answers longer than the store would keep go to the client as
     * they are written.
     */
    private record Shelf(long maxBytes, ResponseStore store, int memoryLimit,
                         ConcurrentHashMap<String, Rendering> renderings) {
        Shelf(long maxBytes) {
            this(maxBytes, new ResponseStore(maxBytes),
                    (int) Math.min(Integer.MAX_VALUE, Math.max(ResponseStore.largestKept(maxBytes), 256 << 10)),
                    new ConcurrentHashMap<>());
        }
    }

    /**
     * An answer being rendered at {@code version}: {@code body} completes with it once rendered, or with null when it
     * is not kept.
     */
    private record Rendering(long version, CompletableFuture<byte[]> body) {
    }
}
