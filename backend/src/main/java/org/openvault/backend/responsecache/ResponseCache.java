package org.openvault.backend.responsecache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
 * backend replicas. Least recently used entries go when the byte budget is full. Listings in random order and
 * searches are never kept.
 */
public final class ResponseCache {

    /** Tells whether a response came from the cache ({@code HIT}) or was rendered ({@code MISS}). */
    public static final String STATUS_HEADER = "X-OV-Cache";

    private final ContentVersion version;
    private final long maxBytes;
    private final ResponseStore store;
    private final int memoryLimit;

    public ResponseCache(ContentVersion version, long maxBytes) {
        this.version = version;
        this.maxBytes = maxBytes;
        this.store = new ResponseStore(maxBytes);
        // Answers longer than the store would keep go to the client as they are written.
        this.memoryLimit = (int) Math.min(Integer.MAX_VALUE, Math.max(ResponseStore.largestKept(maxBytes), 256 << 10));
    }

    /**
     * Sends the response of {@code key} from the cache when it is current, else renders it, sends it and keeps it.
     * Errors thrown by {@code render} pass through untouched (and are not kept).
     */
    public void send(ServerRequest req, ServerResponse res, Supplier<Object> render) {
        boolean keep = maxBytes > 0 && cacheable(req);
        long current = version.current();
        String key = keep ? req.prologue().uriPath().rawPath() + '?' + req.query().rawValue() : null;
        if (keep) {
            ResponseStore.Entry entry = store.get(key);
            if (entry != null && entry.version() == current) {
                res.header(STATUS_HEADER, "HIT").header(HeaderValues.CONTENT_TYPE_JSON).send(entry.body());
                return;
            }
        }
        // Rendered after reading the version, so the body is at least as new as the version it is kept under; the
        // image JSON cache answers as of that version too (kept or not, no version query per image).
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        AnswerOutput out = new AnswerOutput(res, memoryLimit);
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
            store.put(key, current, body);
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

    /** Random order differs on every call and search terms are unbounded: both are always rendered afresh. */
    static boolean cacheable(ServerRequest req) {
        for (String order : req.query().all("order", List::of)) {
            if (order.contains("random")) {
                return false;
            }
        }
        return !req.query().contains("search") && !req.headers().contains(HeaderNames.AUTHORIZATION);
    }
}
