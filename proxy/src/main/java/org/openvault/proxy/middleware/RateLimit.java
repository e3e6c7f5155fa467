package org.openvault.proxy.middleware;

import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** A token bucket per client address: {@code average} requests per second, bursts up to {@code burst}; 429 + Retry-After. */
final class RateLimit implements Middleware {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final double perNano;
    private final long burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimit(double average, long burst) {
        this.perNano = average / 1_000_000_000d;
        this.burst = burst;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        long waitNanos = buckets.computeIfAbsent(exchange.clientAddress(), address -> new Bucket()).take(System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            exchange.editResponseHeaders(headers -> headers.set(HeaderNames.RETRY_AFTER, String.valueOf(seconds)));
            exchange.sendError(Status.TOO_MANY_REQUESTS_429, "Too many requests: try again in " + seconds + " s.");
            return;
        }
        next.proceed(exchange);
    }

    private final class Bucket {
        private double tokens = burst;
        private long last = System.nanoTime();

        /** Takes a token: answers 0, or how long until one is available. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
