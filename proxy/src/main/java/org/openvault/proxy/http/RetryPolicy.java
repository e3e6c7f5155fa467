package org.openvault.proxy.http;

import java.util.Set;

/**
 * When a request that failed on its way upstream may be sent again: only an idempotent method
 * (RFC 9110, 9.2.2), and only while none of its body has been read from the client (a body cannot be sent twice).
 */
public final class RetryPolicy {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private RetryPolicy() {
    }

    /**
     * After a refused connection, or one that failed before any answer came (a server dying with the request in
     * flight may have read it, hence idempotent methods only): the next server, while the service's attempts last.
     */
    public static boolean mayTryAnotherServer(String method, boolean bodyStarted, int serversTried, int attempts) {
        return IDEMPOTENT.contains(method) && !bodyStarted && serversTried < attempts;
    }

    /**
     * After a kept-alive connection failed before any answer (the upstream had closed it): once more on a new
     * connection. The upstream may have read the head before closing, so this too is for idempotent methods only.
     */
    public static boolean mayRetryOnNewConnection(String method, boolean bodyStarted, boolean connectionReused,
                                                  boolean alreadyRetried) {
        return IDEMPOTENT.contains(method) && !bodyStarted && connectionReused && !alreadyRetried;
    }
}
