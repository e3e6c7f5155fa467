package org.openvault.proxy.middleware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openvault.proxy.http.ResponseHead;
import org.openvault.proxy.rules.RequestFacts;

/**
 * What the middlewares of a router decide about one request on its way upstream: the path sent
 * (strip-prefix, add-prefix), header changes upstream and back, a limit on the request body (max-body) and a
 * shorter upstream timeout (request-timeout). One object per exchange, cleared for the next one.
 */
public final class Forwarding {

    private RequestFacts request;
    private String clientAddress;
    private boolean secure;
    private String rawPath;
    private String query;
    private String upstreamPath;
    private final List<Middleware.HeaderChange> upstreamHeaders = new ArrayList<>(4);
    private final List<Middleware.HeaderChange> responseHeaders = new ArrayList<>(8);
    private long maxBodyBytes = -1;
    private Duration timeout;

    /** Starts over for a request: its raw path and query as sent, and the client's address (after trusted proxies). */
    public Forwarding clear(RequestFacts request, String rawPath, String query, String clientAddress, boolean secure) {
        this.request = request;
        this.rawPath = rawPath;
        this.query = query;
        this.upstreamPath = rawPath;
        this.clientAddress = clientAddress;
        this.secure = secure;
        upstreamHeaders.clear();
        responseHeaders.clear();
        maxBodyBytes = -1;
        timeout = null;
        return this;
    }

    public RequestFacts request() {
        return request;
    }

    /** The client: the TCP peer, or the forwarded client when the peer is a trusted proxy. */
    public String clientAddress() {
        return clientAddress;
    }

    /** Whether the client came over TLS. */
    public boolean secure() {
        return secure;
    }

    /** The path as the client sent it (raw, no query). */
    public String rawPath() {
        return rawPath;
    }

    /** The raw query (without {@code ?}), empty when none. */
    public String query() {
        return query;
    }

    /** The raw path (no query) sent upstream. */
    public String upstreamPath() {
        return upstreamPath;
    }

    public void upstreamPath(String path) {
        upstreamPath = path;
    }

    /** Sets a header sent upstream, in place of the client's or the proxy's own; an empty value removes it. */
    public void upstreamHeader(Middleware.HeaderChange change) {
        set(upstreamHeaders, change);
    }

    /** Sets a header of the answer, in place of the upstream's; an empty value removes it. */
    public void responseHeader(Middleware.HeaderChange change) {
        set(responseHeaders, change);
    }

    /** The header changes for the upstream request, one per name (empty value: removed). */
    public List<Middleware.HeaderChange> upstreamHeaders() {
        return upstreamHeaders;
    }

    /** The header changes for the answer, one per name (empty value: removed). */
    public List<Middleware.HeaderChange> responseHeaders() {
        return responseHeaders;
    }

    /** Whether a middleware sets or removes the answer's header {@code i} (then the upstream's is not relayed). */
    public boolean changesResponseHeader(ResponseHead head, int i) {
        for (Middleware.HeaderChange change : responseHeaders) {
            if (head.nameIs(i, change.name())) {
                return true;
            }
        }
        return false;
    }

    /** The most request body bytes forwarded (413 beyond), or -1 for no limit. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public void maxBodyBytes(long bytes) {
        maxBodyBytes = bytes;
    }

    /** The upstream timeout for this request: the service's, or a middleware's when shorter. */
    public Duration upstreamTimeout(Duration serviceTimeout) {
        return timeout != null && timeout.compareTo(serviceTimeout) < 0 ? timeout : serviceTimeout;
    }

    /** A shorter upstream timeout for this request (the service's own stays when it is shorter). */
    public void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    private static void set(List<Middleware.HeaderChange> changes, Middleware.HeaderChange change) {
        int index = indexOf(changes, change.name());
        if (index < 0) {
            changes.add(change);
        } else {
            changes.set(index, change);
        }
    }

    private static int indexOf(List<Middleware.HeaderChange> changes, String name) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
