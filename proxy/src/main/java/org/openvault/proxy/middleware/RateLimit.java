package org.openvault.proxy.middleware;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

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
    public Answer apply(Forwarding forwarding) {
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        long waitNanos = buckets.computeIfAbsent(forwarding.clientAddress(), address -> new Bucket()).take(System.nanoTime());
        if (waitNanos <= 0) {
            return null;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new Answer(429, "Too Many Requests", List.of(new HeaderChange("Retry-After", String.valueOf(seconds))),
                "Too many requests: try again in " + seconds + " s.");
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
