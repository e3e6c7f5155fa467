package org.openvault.backend.responsecache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiJson;
import org.openvault.backend.api.RenderContext;

/**
 * Rendered JSON responses of the public read API, reused while the content version is unchanged: a hit costs one
 * tiny query instead of the page queries and the serialisation, and a change is visible to the next request after
 * its commit (no time-based staleness, correct with several backend replicas). Least recently used entries go
 * when the byte budget is full. Listings in random order and searches are never kept.
 */
public final class ResponseCache {

    /** Tells whether a response came from the cache ({@code HIT}) or was rendered ({@code MISS}). */
    public static final String STATUS_HEADER = "X-OV-Cache";

    private record Entry(long version, byte[] body) {
    }

    private final ContentVersion version;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public ResponseCache(ContentVersion version, long maxBytes) {
        this.version = version;
        this.maxBytes = maxBytes;
    }

    /**
     * Sends the response of {@code key} from the cache when it is current, else renders it, sends it and keeps it.
     * Errors thrown by {@code render} pass through untouched (and are not kept).
     */
    public void send(ServerRequest req, ServerResponse res, RenderContext ctx, Supplier<Object> render) {
        if (maxBytes <= 0 || !cacheable(req)) {
            ApiJson.send(res, render.get());
            return;
        }
        // detail_url holds the API's origin, which may be the request's own host.
        String key = ctx.apiBaseUrl() + req.prologue().uriPath().rawPath() + '?' + req.query().rawValue();
        long current = version.current();
        Entry entry = get(key);
        if (entry != null && entry.version() == current) {
            res.header(STATUS_HEADER, "HIT").header(HeaderValues.CONTENT_TYPE_JSON).send(entry.body());
            return;
        }
        // Rendered after reading the version, so the body is at least as new as the version it is kept under.
        byte[] body = ApiJson.bytes(render.get());
        put(key, new Entry(current, body));
        res.header(STATUS_HEADER, "MISS").header(HeaderValues.CONTENT_TYPE_JSON).send(body);
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

    private synchronized Entry get(String key) {
        return entries.get(key);
    }

    private synchronized void put(String key, Entry entry) {
        if (entry.body().length > maxBytes / 4) {
            return;
        }
        Entry old = entries.get(key);
        if (old != null && old.version() > entry.version()) {
            return; // a concurrent request already kept a newer rendering
        }
        entries.put(key, entry);
        bytes += entry.body().length - (old == null ? 0 : old.body().length);
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
