import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP/2 load for bench/proxy-h2.sh (h2load is not installed): one JDK HTTP/2 client, so one connection, keeping
 * STREAMS requests in flight for SECONDS; prints requests/s and the latency percentiles.
 *   java bench/Http2Load.java URL STREAMS SECONDS
 */
public class Http2Load {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int streams = Integer.parseInt(args[1]);
        long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) { }
            public void checkServerTrusted(X509Certificate[] chain, String type) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustAll).build();
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.version() != HttpClient.Version.HTTP_2) {
            throw new IllegalStateException("not HTTP/2: " + first.version());
        }
        long[] latencies = new long[50_000_000 / 8];
        AtomicInteger count = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(streams);
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            next(client, request, end, latencies, count, failures, done);
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Math.min(count.get(), latencies.length);
        if (n == 0) {
            System.out.printf("no request answered, %d failed%n", failures.get());
            return;
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("%.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d failed%n", n / seconds,
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, n, failures.get());
    }

    private static void next(HttpClient client, HttpRequest request, long end, long[] latencies, AtomicInteger count,
                             AtomicInteger failures, CountDownLatch done) {
        if (System.nanoTime() - end >= 0) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                failures.incrementAndGet();
            } else {
                int i = count.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = System.nanoTime() - sent;
                }
            }
            next(client, request, end, latencies, count, failures, done);
        });
    }
}
