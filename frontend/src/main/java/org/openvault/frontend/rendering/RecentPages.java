package org.openvault.frontend.rendering;

import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import org.openvault.frontend.caching.LeastRecentlyUsed;

/**
 * Pages rendered lately, sent again as they are (without asking the backend or rendering) while every backend answer
 * they were built from is fresh, so a visitor sees what a new rendering could show, at a fraction of its cost. Once
 * the first of those answers is due for its background refresh, one request at a time renders the page again (which
 * starts the refresh) while the others still get the kept one; once an answer's fresh period has ended, the kept
 * page is not sent any more. Only whole-site pages are kept: 200 answers to a GET or HEAD without a query string,
 * built only from fresh answers; so drafts, searches, stale pages and errors are always rendered for their request.
 * Bounded by bytes.
 */
public final class RecentPages {

    private static final int ENTRY_OVERHEAD = 200;
    private static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    private static final Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Templates.HTML);
    private static final Header HIT = HeaderValues.createCached(HeaderNames.create("X-Cache"), "HIT");

    private final LeastRecentlyUsed<String, Page> pages;
    private final Compression compression;

    /** @param maxBytes budget for the kept pages (0 keeps none) */
    public RecentPages(long maxBytes, Compression compression) {
        // A kept page's compressed forms (a fifth of it or less) are counted in its overhead.
        this.pages = new LeastRecentlyUsed<>(maxBytes, (path, page) -> 2L * path.length()
                + page.body().body().length * 6L / 5 + ENTRY_OVERHEAD);
        this.compression = compression;
    }

    /** Sends the kept rendering of the requested page when there is a fresh one; else routes the request on. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Page page = keepable(req) ? lookUp(req.path().rawPath()) : null;
        if (page == null) {
            chain.proceed();
            return;
        }
        res.status(Status.OK_200).header(HTML).header(page.contentSecurityPolicy()).header(page.cacheControl())
                .header(HIT);
        compression.send(req, res, page.body());
    }

    /**
     * Keeps a page just rendered for {@code req}: sent again as it is until {@code refreshDueNanos}, then while
     * another rendering is made, until {@code freshUntilNanos}.
     */
    void keep(ServerRequest req, Compression.Encodings body, String cacheControl, String contentSecurityPolicy,
              long refreshDueNanos, long freshUntilNanos) {
        if (keepable(req) && freshUntilNanos - System.nanoTime() > 0) {
            Page page = new Page(body,
                    HeaderValues.createCached(HeaderNames.CACHE_CONTROL, cacheControl),
                    HeaderValues.createCached(CONTENT_SECURITY_POLICY, contentSecurityPolicy), refreshDueNanos,
                    freshUntilNanos, new AtomicBoolean());
            synchronized (pages) {
                pages.put(req.path().rawPath(), page);
            }
        }
    }

    /** The kept page to send, or null when the request is to render it (none kept, expired, or due and not yet claimed). */
    private Page lookUp(String path) {
        Page page;
        synchronized (pages) {
            page = pages.get(path);
            if (page == null) {
                return null;
            }
            if (page.freshUntilNanos() - System.nanoTime() <= 0) {
                pages.remove(path);
                return null;
            }
        }
        boolean due = page.refreshDueNanos() - System.nanoTime() <= 0;
        return due && page.rendering().compareAndSet(false, true) ? null : page;
    }

    private static boolean keepable(ServerRequest req) {
        Method method = req.prologue().method();
        return (method == Method.GET || method == Method.HEAD) && req.query().isEmpty();
    }

    /** A kept page; {@code rendering}: a request has gone on to render it again since it became due. */
    private record Page(Compression.Encodings body, Header cacheControl, Header contentSecurityPolicy,
                        long refreshDueNanos, long freshUntilNanos, AtomicBoolean rendering) {
    }
}
