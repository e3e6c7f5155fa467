package org.openvault.proxy.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.openvault.proxy.balancing.BalancedService;
import org.openvault.proxy.balancing.UpstreamServer;

/** Prometheus metrics: requests by entrypoint/router/service/code, a latency histogram per router/service, upstream health. */
public final class ProxyMetrics {

    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private record RequestKey(String entrypoint, String router, String service, int code) {
    }

    private record RouteKey(String router, String service) {
    }

    /** Counters that two carrier threads update at once without contending (LongAdder cells). */
    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, Histogram> durations = new ConcurrentHashMap<>();
    private final List<BalancedService> services;

    public ProxyMetrics(List<BalancedService> services) {
        this.services = services;
    }

    public void record(String entrypoint, String router, String service, int status, long nanos) {
        // The histogram first: whoever sees the request counted sees its duration too.
        RouteKey routeKey = new RouteKey(router, service);
        Histogram histogram = durations.get(routeKey);
        if (histogram == null) {
            histogram = durations.computeIfAbsent(routeKey, key -> new Histogram());
        }
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                histogram.counts[i].increment();
                break;
            }
        }
        histogram.count.increment();
        histogram.sumNanos.add(nanos);
        RequestKey requestKey = new RequestKey(entrypoint, router, service, status);
        LongAdder counter = requests.get(requestKey);
        if (counter == null) {
            counter = requests.computeIfAbsent(requestKey, key -> new LongAdder());
        }
        counter.increment();
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP proxy_requests_total Requests handled, by entrypoint, router, service and status code.\n")
                .append("# TYPE proxy_requests_total counter\n");
        requests.forEach((key, count) -> out.append("proxy_requests_total{entrypoint=\"").append(key.entrypoint())
                .append("\",router=\"").append(key.router()).append("\",service=\"").append(key.service())
                .append("\",code=\"").append(key.code()).append("\"} ").append(count.sum()).append('\n'));
        out.append("# HELP proxy_request_duration_seconds Time from request to the end of the response.\n")
                .append("# TYPE proxy_request_duration_seconds histogram\n");
        durations.forEach((key, histogram) -> {
            String labels = "router=\"" + key.router() + "\",service=\"" + key.service() + "\"";
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += histogram.counts[i].sum();
                out.append("proxy_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(BUCKETS[i])
                        .append("\"} ").append(cumulative).append('\n');
            }
            out.append("proxy_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                    .append(histogram.count.sum()).append('\n');
            out.append("proxy_request_duration_seconds_sum{").append(labels).append("} ").append(histogram.sumNanos.sum() / 1e9).append('\n');
            out.append("proxy_request_duration_seconds_count{").append(labels).append("} ").append(histogram.count.sum()).append('\n');
        });
        out.append("# HELP proxy_upstream_up Whether an upstream server is considered healthy (1) or not (0).\n")
                .append("# TYPE proxy_upstream_up gauge\n");
        for (BalancedService service : services) {
            for (UpstreamServer server : service.servers()) {
                out.append("proxy_upstream_up{service=\"").append(service.name()).append("\",url=\"").append(server.url())
                        .append("\"} ").append(server.healthy() ? 1 : 0).append('\n');
            }
        }
        return out.toString();
    }
}
