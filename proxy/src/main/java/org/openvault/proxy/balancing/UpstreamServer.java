package org.openvault.proxy.balancing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * One upstream URL: its pool of keep-alive connections (requests are forwarded on them) and its health — down
 * while the active check fails, or for a while after {@code maxFails} connection failures in a row (passive check).
 * The active check uses a small WebClient of its own.
 */
public final class UpstreamServer {

    /** Pooled connections idle longer are dropped (upstreams close theirs after 5 s (Node) to 75 s (nginx)). */
    private static final long MAX_IDLE_NANOS = 30_000_000_000L;
    /** Pooled connections idle longer are checked before use, so a POST is not sent on a closed one. */
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;

    private final URI url;
    private final WebClient client;
    private final int maxFails;
    private final long failTimeoutNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long ejectedUntil;
    private volatile boolean checkPassing = true;
    private final java.util.concurrent.ConcurrentLinkedDeque<UpstreamConnection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger idleCount = new java.util.concurrent.atomic.AtomicInteger();
    private final Duration connectTimeout;
    /** Every open connection (pooled or in use), for the watchdog of slow reads. */
    private final java.util.Set<UpstreamConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String authority;

    UpstreamServer(URI url, Duration connectTimeout, Duration timeout, int maxFails, Duration failTimeout) {
        this.url = url;
        this.maxFails = Math.max(1, maxFails);
        this.connectTimeout = connectTimeout;
        this.authority = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        this.failTimeoutNanos = failTimeout.toNanos();
        this.client = WebClient.builder()
                .baseUri(url)
                .followRedirects(false)
                .sendExpectContinue(false)
                .socketOptions(socket -> socket.tcpNoDelay(true).connectTimeout(connectTimeout).readTimeout(timeout))
                .build();
    }

    public URI url() {
        return url;
    }

    public String authority() {
        return authority;
    }

    /** A pooled keep-alive connection (most recently used first), or a new one. */
    public UpstreamConnection acquire() throws java.io.IOException {
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            long idleNanos = System.nanoTime() - connection.idleSince;
            boolean usable = connection.isOpen() && idleNanos < MAX_IDLE_NANOS
                    && (idleNanos < PROBE_AFTER_NANOS || connection.stillOpen());
            if (usable) {
                connection.reused = true;
                return connection;
            }
            connection.close();
        }
        return UpstreamConnection.open(new java.net.InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()),
                connectTimeout, open);
    }

    /** Returns a connection whose exchange completed to the pool. */
    public void release(UpstreamConnection connection) {
        connection.stopWaiting();
        connection.idleSince = System.nanoTime();
        if (idleCount.incrementAndGet() <= 1024) {
            idle.offerFirst(connection);
        } else {
            idleCount.decrementAndGet();
            connection.close();
        }
    }

    /** Cuts connections whose upstream has kept a read waiting past its timeout (the exchange answers 504). */
    void expireSilentConnections() {
        long now = System.nanoTime();
        for (UpstreamConnection connection : open) {
            connection.expireIfSilent(now);
        }
    }

    /** Up: the last active check passed and no passive ejection is running. */
    public boolean healthy() {
        return checkPassing && System.nanoTime() - ejectedUntil >= 0;
    }

    public void connectFailed() {
        if (failures.incrementAndGet() >= maxFails) {
            ejectedUntil = System.nanoTime() + failTimeoutNanos;
            failures.set(0);
        }
    }

    public void succeeded() {
        failures.set(0);
    }

    /** One active health check: a GET of {@code path} answering 2xx or 3xx in time means up. */
    void check(String path, Duration timeout) {
        boolean passing;
        try (HttpClientResponse response = client.get(path).readTimeout(timeout).request()) {
            int code = response.status().code();
            passing = code >= 200 && code < 400;
        } catch (RuntimeException e) {
            passing = false;
        }
        if (passing && !checkPassing) {
            ejectedUntil = System.nanoTime();
        }
        checkPassing = passing;
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
