import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Load for bench/proxy-protocols.sh with the JDK's own clients (h2load is not installed, wrk speaks only HTTP/1.1):
 * IN_FLIGHT requests or messages kept going for WARMUP seconds (this JVM's JIT and the connections warm up), then
 * measured for SECONDS more: requests (messages)/s, latency percentiles and, for each PID given, the CPU time
 * (user + system) that process used per request (message) meanwhile.
 *   java bench/ProtocolLoad.java MODE URL IN_FLIGHT WARMUP SECONDS [PID...]
 * MODE http/1.1: GETs over up to IN_FLIGHT keep-alive connections; h2: GETs as streams of one HTTP/2 connection;
 * websocket: IN_FLIGHT WebSockets (ws:// or wss://) to an echo server, each sending a 32-byte text message as soon
 * as the echo of its previous one is whole. Certificates are not checked.
 */
public class ProtocolLoad {

    private static final String MESSAGE = "Hello, vault: one small message";

    private final long end;
    private final long[] latencies = new long[50_000_000 / 8];
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final CountDownLatch done;

    private ProtocolLoad(long end, int inFlight) {
        this.end = end;
        this.done = new CountDownLatch(inFlight);
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI uri = URI.create(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        long warmup = Long.parseLong(args[3]) * 1_000_000_000L;
        long measured = Long.parseLong(args[4]) * 1_000_000_000L;
        ProcessHandle[] watched = Arrays.stream(args, 5, args.length).map(pid -> ProcessHandle.of(Long.parseLong(pid))
                .orElseThrow(() -> new IllegalArgumentException("no process " + pid))).toArray(ProcessHandle[]::new);
        long start = System.nanoTime();
        ProtocolLoad load = new ProtocolLoad(start + warmup + measured, inFlight);
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) { }
            public void checkServerTrusted(X509Certificate[] chain, String type) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        HttpClient.Version version = mode.equals("h2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(trustAll).build();
        if (mode.equals("websocket")) {
            for (int i = 0; i < inFlight; i++) {
                load.openWebSocket(client, uri);
            }
        } else {
            HttpRequest request = HttpRequest.newBuilder(uri).build();
            HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (first.version() != version) {
                throw new IllegalStateException("not " + version + ": " + first.version());
            }
            for (int i = 0; i < inFlight; i++) {
                load.nextRequest(client, request);
            }
        }
        TimeUnit.NANOSECONDS.sleep(start + warmup - System.nanoTime());
        int first = load.count.get();
        long[] cpuBefore = cpuNanos(watched);
        TimeUnit.NANOSECONDS.sleep(start + warmup + measured - System.nanoTime());
        int last = Math.min(load.count.get(), load.latencies.length);
        long[] cpuAfter = cpuNanos(watched);
        load.done.await();
        String what = mode.equals("websocket") ? "messages" : "requests";
        int n = last - first;
        if (n <= 0) {
            System.out.printf("no %s answered, %d failed%n", what, load.failures.get());
            return;
        }
        long[] sorted = Arrays.copyOfRange(load.latencies, first, last);
        Arrays.sort(sorted);
        StringBuilder cpu = new StringBuilder();
        for (int i = 0; i < watched.length; i++) {
            cpu.append(String.format(", process %d CPU %.1f µs per %s", watched[i].pid(),
                    (cpuAfter[i] - cpuBefore[i]) / 1e3 / n, what.substring(0, what.length() - 1)));
        }
        System.out.printf("%.0f %s/s, p50 %.2f ms, p99 %.2f ms, %d %s, %d failed%s%n", n / (measured / 1e9), what,
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, n, what, load.failures.get(), cpu);
    }

    private static long[] cpuNanos(ProcessHandle[] processes) {
        return Arrays.stream(processes).mapToLong(process -> process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time of " + process.pid())).toNanos()).toArray();
    }

    private void answered(long sent) {
        int i = count.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = System.nanoTime() - sent;
        }
    }

    private void nextRequest(HttpClient client, HttpRequest request) {
        if (System.nanoTime() - end >= 0) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                failures.incrementAndGet();
            } else {
                answered(sent);
            }
            nextRequest(client, request);
        });
    }

    /** One WebSocket sending its message again each time the echo of the last one is whole. */
    private void openWebSocket(HttpClient client, URI uri) {
        client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder received = new StringBuilder();
            private long sent;

            @Override
            public void onOpen(WebSocket socket) {
                socket.request(1);
                send(socket);
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                received.append(data);
                if (last) {
                    if (received.toString().equals(MESSAGE)) {
                        answered(sent);
                    } else {
                        failures.incrementAndGet();
                    }
                    received.setLength(0);
                    if (System.nanoTime() - end >= 0) {
                        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((s, e) -> done.countDown());
                        return null;
                    }
                    send(socket);
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                failures.incrementAndGet();
                done.countDown();
            }

            private void send(WebSocket socket) {
                sent = System.nanoTime();
                socket.sendText(MESSAGE, true);
            }
        }).exceptionally(error -> {
            failures.incrementAndGet();
            done.countDown();
            return null;
        });
    }
}
