import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Load and fault clients of bench/reliability.sh. Each prints one summary line of key=value pairs for the script:
 * <pre>
 *   read SECONDS CONNECTIONS URL...            GETs in a loop over keep-alive connections; failures and their times
 *                                              ({n} in a URL: a number new on every request, so no cache answers it)
 *   write SECONDS BASE TOKEN ACKS_FILE PAGE... draft saves of the admin API; each acknowledged revision to ACKS_FILE
 *   slowloris BASE CONNECTIONS SECONDS PROBE   connections trickling header lines, and a normal GET of PROBE a second
 *   fuzz-api BASE COUNT                        random query strings on /api/v2/ endpoints
 *   fuzz-site BASE COUNT                       random site addresses
 *   oversized BASE TOKEN                       oversized request lines, headers and bodies
 * </pre>
 * BASE is http://host:port or https://host:port (any certificate is accepted: the local proxy's is self-signed).
 */
public final class Reliability {

    private static final SSLContext TRUST_ALL = trustAll();
    private static final Random RANDOM = new Random(Long.getLong("seed", 20261206L));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "read" -> read(Integer.parseInt(args[1]), Integer.parseInt(args[2]), List.of(args).subList(3, args.length));
            case "write" -> write(Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]),
                    List.of(args).subList(5, args.length));
            case "slowloris" -> slowloris(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            case "fuzz-api" -> fuzz(args[1], Integer.parseInt(args[2]), apiTargets(args[1]));
            case "fuzz-site" -> fuzz(args[1], Integer.parseInt(args[2]), siteTargets(args[1]));
            case "oversized" -> oversized(args[1], args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- PostgreSQL restart under reads ----------------------------------------------------------------------------

    private static void read(int seconds, int connections, List<String> urls) throws Exception {
        HttpClient client = client();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastFailure = new AtomicLong(0);
        AtomicLong slowest = new AtomicLong(0);
        long end = System.currentTimeMillis() + seconds * 1000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int offset = c;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = offset; System.currentTimeMillis() < end; n++) {
                    int status;
                    long start = System.currentTimeMillis();
                    try {
                        String url = urls.get(n % urls.size()).replace("{n}", String.valueOf(n));
                        status = client.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = 0;
                    }
                    long now = System.currentTimeMillis();
                    slowest.accumulateAndGet(now - start, Math::max);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status != 200) {
                        firstFailure.accumulateAndGet(now, Math::min);
                        lastFailure.accumulateAndGet(now, Math::max);
                    }
                }
            }));
        }
        started();
        for (Thread t : threads) {
            t.join();
        }
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
        System.out.printf("requests=%d ok=%d failed=%d first_failure_ms=%d last_failure_ms=%d slowest_ms=%d statuses=%s%n",
                total, ok, total - ok, firstFailure.get() == Long.MAX_VALUE ? 0 : firstFailure.get(), lastFailure.get(),
                slowest.get(), sorted(statuses));
    }

    /** Creates the file named by -Dready= once the load runs, for the script to inject its fault then. */
    private static void started() throws IOException {
        String ready = System.getProperty("ready");
        if (ready != null) {
            Files.writeString(Path.of(ready), "");
        }
    }

    // ---- PostgreSQL restart under writes ---------------------------------------------------------------------------

    private static final Pattern REVISION = Pattern.compile("\"latest_revision\":\\{\"id\":(\\d+)");
    private static final Pattern ETAG = Pattern.compile("\"etag\":\"(\\\\\"r\\d+\\\\\")\"");

    private static void write(int seconds, String base, String token, Path acks, List<String> pages) throws Exception {
        HttpClient client = client();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        long end = System.currentTimeMillis() + seconds * 1000L;
        List<Thread> editors = new ArrayList<>();
        for (String page : pages) {
            editors.add(Thread.ofPlatform().start(() -> {
                String etag = "*";
                for (int n = 0; System.currentTimeMillis() < end; n++) {
                    String marker = "save " + page + "-" + n;
                    int status;
                    String body = "";
                    try {
                        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                                        URI.create(base + "/api/admin/v1/pages/" + page))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("If-Match", etag)
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":{\"title\":\"Reliability " + page
                                        + "\",\"slug\":\"reliability-" + page + "\",\"subtitle\":\"" + marker + "\"}}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        status = answer.statusCode();
                        body = answer.body();
                    } catch (Exception e) {
                        status = 0;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    Matcher revision = REVISION.matcher(body);
                    if (status == 200 && revision.find()) {
                        acknowledged.add(revision.group(1) + "|" + marker);
                    }
                    Matcher next = ETAG.matcher(body);
                    if (next.find()) {
                        etag = next.group(1).replace("\\\"", "\"");
                    }
                }
            }));
        }
        started();
        for (Thread t : editors) {
            t.join();
        }
        Files.write(acks, acknowledged);
        System.out.printf("saves=%d acknowledged=%d statuses=%s%n",
                statuses.values().stream().mapToInt(AtomicInteger::get).sum(), acknowledged.size(), sorted(statuses));
    }

    // ---- Slow-loris ------------------------------------------------------------------------------------------------

    private static void slowloris(String base, int connections, int seconds, String probe) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(connections);
        ExecutorService slow = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < connections; c++) {
            slow.submit(() -> {
                boolean connected = false;
                try (Socket socket = open(base, 10_000)) {
                    connected = true;
                    opened.incrementAndGet();
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET / HTTP/1.1\r\nHost: localhost\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    // One more header line every 2 s, a byte at a time, never the blank line that ends the head.
                    for (int n = 0; running.get(); n++) {
                        for (byte b : ("X-Slow-" + n + ": a\r\n").getBytes(StandardCharsets.ISO_8859_1)) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(2000 / 12);
                            if (!running.get()) {
                                break;
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!connected) {
                        refused.incrementAndGet();
                    } else {
                        cut.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
                return null;
            });
        }
        // Normal requests are timed once every slow connection is open (or has failed to open).
        long opening = System.nanoTime();
        while (opened.get() + refused.get() < connections && System.nanoTime() - opening < 30e9) {
            Thread.sleep(50);
        }
        long openMillis = (System.nanoTime() - opening) / 1_000_000;
        List<Long> latencies = new ArrayList<>();
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        // The visitor comes from another address than the attacker, as on the internet: a server may well limit
        // what one address holds open (the proxy does), and that must not shut out everyone else.
        InetAddress visitor = URI.create(base).getHost().equals("127.0.0.1") ? InetAddress.getByName("127.0.0.2") : null;
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            long start = System.nanoTime();
            int status = exchange(base, ("GET " + probe + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1), null, 15_000, visitor);
            latencies.add(System.nanoTime() - start);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(250);
        }
        int stillOpen = opened.get() - cut.get();
        running.set(false);
        slow.shutdownNow();
        Collections.sort(latencies);
        long overOneSecond = latencies.stream().filter(n -> n > 1e9).count();
        System.out.printf("slow_opened=%d open_ms=%d slow_refused=%d slow_cut=%d slow_open_at_end=%d probes=%d"
                        + " probe_statuses=%s p50_ms=%.0f p99_ms=%.0f max_ms=%.0f over_1s=%d%n", opened.get(), openMillis,
                refused.get(), cut.get(), stillOpen, latencies.size(), statuses, ms(latencies, 0.5), ms(latencies, 0.99),
                ms(latencies, 1.0), overOneSecond);
    }

    // ---- Fuzzing ---------------------------------------------------------------------------------------------------

    private static final List<String> API_NAMES = List.of("limit", "offset", "order", "fields", "search",
            "search_operator", "type", "child_of", "ancestor_of", "descendant_of", "slug", "featured", "id", "title",
            "first_published_at", "last_published_at", "cover_image", "show_in_menus", "html_path", "format", "locale",
            "site", "content_type", "token", "path", "width", "height", "tags", "q", "page", "page_size", "guids",
            "key", "authors", "filter");
    private static final List<String> VALUES = List.of("", "0", "1", "-1", "2", "20", "999999", "2147483648",
            "99999999999999999999", "true", "false", "random", "-title", "title,-id", "random,title", "*", "_",
            "_,title", "-authors", "authors(_,name)", "authors(", "a,,b", "%00", "%zz", "%", "%ff%fe", "%E2%9C%93",
            "%F0%9F%8E%A5", "exhibits.ExhibitPage", "collections.CollectionPage", "home.HomePage", "a.b", "'",
            "%27%3B--", "%22", "/", "/%00", "/about", "2024-01-01", "2024-13-45T99:00", "+5", "%20", "%2C", "(", ")",
            "*,-body", "-", "\\", "%5C", "null", "NaN", "1e3", "0x10", "civil~", "\"rights\"", "a%20OR%20b", "x~~~",
            "television", "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd", "a".repeat(300));

    private static IntFunction<String> apiTargets(String base) throws Exception {
        HttpClient client = client();
        List<String> ids = ids(client, base + "/api/v2/pages/?limit=50&fields=_,id", "\"id\":(\\d+)");
        List<String> images = ids(client, base + "/api/v2/images/?limit=20", "\"id\":(\\d+)");
        List<String> slugs = ids(client, base + "/api/v2/pages/?limit=50&fields=_,slug", "\"slug\":\"([^\"]+)\"");
        List<String> paths = List.of("/api/v2/pages/", "/api/v2/exhibits/", "/api/v2/collections/", "/api/v2/authors/",
                "/api/v2/pages/{id}/", "/api/v2/exhibits/{id}/", "/api/v2/collections/{id}/", "/api/v2/authors/{n}/",
                "/api/v2/pages/find/", "/api/v2/exhibits/find/", "/api/v2/collections/find/", "/api/v2/page_preview/{id}/",
                "/api/v2/images/", "/api/v2/images/{image}/", "/api/v2/images/find/", "/api/v2/static_pages/",
                "/api/v2/redirects/", "/api/v2/search/", "/api/v2/series/", "/api/v2/series/{text}/",
                "/api/v2/masterpiece/", "/api/v2/masterpiece/{text}/", "/api/v2/health/", "/api/v2/{text}/",
                "/api/v2/pages/{text}/");
        return n -> {
            String path = pick(paths).replace("{id}", pick(ids)).replace("{image}", pick(images))
                    .replace("{n}", pick(List.of("1", "2", "0", "-1", "99999999999", pick(ids))))
                    .replace("{text}", RANDOM.nextBoolean() ? pick(slugs) : randomText());
            StringBuilder query = new StringBuilder();
            int params = RANDOM.nextInt(5);
            for (int p = 0; p < params; p++) {
                String name = RANDOM.nextInt(8) == 0 ? randomText() : pick(API_NAMES);
                String value = switch (RANDOM.nextInt(8)) {
                    case 0 -> randomText();
                    case 1 -> pick(ids);
                    case 2 -> pick(slugs);
                    default -> pick(VALUES);
                };
                query.append(p == 0 ? "?" : "&").append(name).append('=').append(value);
            }
            return path + query;
        };
    }

    private static IntFunction<String> siteTargets(String base) throws Exception {
        List<String> prefixes = List.of("/", "/exhibits/", "/collections/", "/exhibits", "/collections", "/search",
                "/search/", "/series/", "/series", "/masterpiece/", "/masterpiece/funders/", "/miniseries/", "/catalog/",
                "/credits/", "/preview", "/about", "/sitemap.xml", "/robots.txt", "/assets/", "/health", "/",
                "/exhibits/voices-of-the-civil-rights-era/", "/api/v2/pages/", "/media/images/");
        List<String> names = List.of("q", "page", "sort", "f", "filter", "tab", "content_type", "token", "format",
                "utm_source", "limit", "offset", "view", "a");
        return n -> {
            StringBuilder target = new StringBuilder(pick(prefixes));
            int segments = RANDOM.nextInt(3);
            for (int s = 0; s < segments; s++) {
                target.append(RANDOM.nextInt(3) == 0 ? pick(VALUES).replace("/", "") : randomText());
                if (RANDOM.nextBoolean()) {
                    target.append('/');
                }
            }
            int params = RANDOM.nextInt(4);
            for (int p = 0; p < params; p++) {
                target.append(p == 0 ? "?" : "&").append(RANDOM.nextInt(6) == 0 ? randomText() : pick(names))
                        .append('=').append(RANDOM.nextInt(4) == 0 ? randomText() : pick(VALUES));
            }
            return target.toString();
        };
    }

    private static void fuzz(String base, int count, IntFunction<String> targets) throws Exception {
        List<String> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            all.add(targets.apply(n));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = next.getAndIncrement(); n < all.size(); n = next.getAndIncrement()) {
                    String target = all.get(n);
                    int status = exchange(base, ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), null, 30_000);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status >= 500 || status <= 0) {
                        errors.add(status + " " + target);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        errors.stream().limit(20).forEach(e -> System.err.println("  " + e));
        long fives = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(e -> e.getValue().get()).sum();
        long none = statuses.entrySet().stream().filter(e -> e.getKey() <= 0).mapToInt(e -> e.getValue().get()).sum();
        System.out.printf("requests=%d 5xx=%d no_answer=%d seconds=%.1f statuses=%s%n", all.size(), fives, none,
                (System.nanoTime() - start) / 1e9, sorted(statuses));
    }

    // ---- Oversized requests ----------------------------------------------------------------------------------------

    /** Longer than the proxy's shipped body-timeout (30 s), after which a stalled body must get its 408. */
    private static final int ANSWER_WAIT_MILLIS = 45_000;

    private static void oversized(String base, String token) throws Exception {
        String auth = "Authorization: Bearer " + token + "\r\n";
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("request line 64 KiB", new Object[] {"GET /api/v2/pages/?q=" + "a".repeat(64 << 10) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n", null});
        cases.put("one header 64 KiB", new Object[] {"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 << 10)
                + "\r\nConnection: close\r\n\r\n", null});
        cases.put("2,000 headers", new Object[] {"GET / HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Many: aaaaaaaaaaaaaaaaaaaa\r\n".repeat(2000) + "Connection: close\r\n\r\n", null});
        cases.put("header block 1 MiB", new Object[] {"GET / HTTP/1.1\r\nHost: localhost\r\n"
                + ("X-Big: " + "a".repeat(1000) + "\r\n").repeat(1024) + "Connection: close\r\n\r\n", null});
        cases.put("cookie 32 KiB", new Object[] {"GET /exhibits/ HTTP/1.1\r\nHost: localhost\r\nCookie: a="
                + "b".repeat(32 << 10) + "\r\nConnection: close\r\n\r\n", null});
        cases.put("admin JSON body 64 MiB", new Object[] {"PUT /api/admin/v1/pages/3 HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nIf-Match: *\r\nContent-Length: " + (64L << 20)
                + "\r\nConnection: close\r\n\r\n", 64L << 20});
        cases.put("image upload 64 MiB", new Object[] {"POST /api/admin/v1/images/ HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + (64L << 20)
                + "\r\nConnection: close\r\n\r\n", 64L << 20});
        cases.put("login body 16 MiB, chunked", new Object[] {"POST /api/admin/v1/session HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", -(16L << 20)});
        cases.put("Content-Length 1 TB, 1 KiB sent", new Object[] {"POST /api/admin/v1/session HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 1099511627776\r\nConnection: close"
                + "\r\n\r\n", 1024L});
        cases.put("search page, body 16 MiB", new Object[] {"POST /search HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (16L << 20)
                + "\r\nConnection: close\r\n\r\n", 16L << 20});
        int fives = 0;
        int hangs = 0;
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            long start = System.nanoTime();
            int status = exchange(base, ((String) c.getValue()[0]).getBytes(StandardCharsets.ISO_8859_1),
                    (Long) c.getValue()[1], ANSWER_WAIT_MILLIS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            fives += status >= 500 ? 1 : 0;
            hangs += status == -2 ? 1 : 0;
            System.err.printf("  %-34s %s in %d ms%n", c.getKey(), status == -1 ? "closed without an answer"
                    : status == -2 ? "no answer in " + ANSWER_WAIT_MILLIS / 1000 + " s" : String.valueOf(status), millis);
            line.append(line.isEmpty() ? "" : ",").append(status);
        }
        System.out.printf("cases=%d 5xx=%d hangs=%d statuses=%s%n", cases.size(), fives, hangs, line);
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    /**
     * Writes a request byte for byte (and {@code bodyBytes} of filler after it: negative means chunked) while reading
     * the answer, so a server that answers before the body ends is heard. Returns the status, -1 when the connection
     * closed without one, -2 when none came within the timeout.
     */
    static int exchange(String base, byte[] head, Long bodyBytes, int timeoutMillis) {
        return exchange(base, head, bodyBytes, timeoutMillis, null);
    }

    /** Like {@link #exchange(String, byte[], Long, int)}, from the local address {@code from} (null: any). */
    static int exchange(String base, byte[] head, Long bodyBytes, int timeoutMillis, InetAddress from) {
        try (Socket socket = open(base, timeoutMillis, from)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(head);
                    if (bodyBytes != null) {
                        byte[] filler = new byte[64 << 10];
                        java.util.Arrays.fill(filler, (byte) 'a');
                        long left = Math.abs(bodyBytes);
                        while (left > 0) {
                            int n = (int) Math.min(filler.length, left);
                            if (bodyBytes < 0) {
                                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            }
                            out.write(filler, 0, n);
                            if (bodyBytes < 0) {
                                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            }
                            left -= n;
                        }
                        if (bodyBytes < 0) {
                            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server answered and closed before taking everything: the answer is what counts.
                }
            });
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String answer = head(in);
            if (answer.length() < 12 || !answer.startsWith("HTTP/1.")) {
                return -1;
            }
            // The whole answer is read by its framing (servers keep the connection open after "Connection: close"
            // until the client closes it), so no server blocks writing and a slow listing counts as answered.
            String lower = answer.toLowerCase(java.util.Locale.ROOT);
            Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
            if (length.find()) {
                in.skipNBytes(Long.parseLong(length.group(1)));
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    in.skipNBytes(size + 2);
                }
            } else if (!answer.startsWith("HTTP/1.1 204") && !answer.startsWith("HTTP/1.1 304")) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            writer.interrupt();
            return Integer.parseInt(answer.substring(9, 12));
        } catch (java.net.SocketTimeoutException e) {
            return -2;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        String size = line.toString().strip().split(";", 2)[0];
        return size.isEmpty() ? 0 : Long.parseLong(size, 16);
    }

    private static Socket open(String base, int timeoutMillis) throws IOException {
        return open(base, timeoutMillis, null);
    }

    private static Socket open(String base, int timeoutMillis, InetAddress from) throws IOException {
        URI uri = URI.create(base);
        Socket plain = new Socket();
        if (from != null) {
            plain.bind(new InetSocketAddress(from, 0));
        }
        plain.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
        if (!uri.getScheme().equals("https")) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true);
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        return tls;
    }

    private static HttpClient client() {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TRUST_ALL)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String type) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String type) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(HttpClient client, String url, String pattern) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(pattern).matcher(body);
        while (m.find()) {
            found.add(m.group(1));
        }
        if (found.isEmpty()) {
            found.add("1");
        }
        return found;
    }

    private static String pick(List<String> from) {
        return from.get(RANDOM.nextInt(from.size()));
    }

    /** URL-safe random text, sometimes percent-encoded bytes of any value. */
    private static String randomText() {
        StringBuilder s = new StringBuilder();
        int length = RANDOM.nextInt(10);
        for (int i = 0; i < length; i++) {
            if (RANDOM.nextInt(4) == 0) {
                s.append('%').append(String.format("%02X", RANDOM.nextInt(256)));
            } else {
                s.append("abcXYZ019_-.,()*~!$'+;=:@".charAt(RANDOM.nextInt(25)));
            }
        }
        return s.toString();
    }

    private static String sorted(Map<Integer, AtomicInteger> statuses) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(statuses).forEach((k, v) -> s.append(s.isEmpty() ? "" : ",")
                .append(k == 0 ? "error" : String.valueOf(k)).append(':').append(v.get()));
        return s.toString();
    }

    private static double ms(List<Long> sortedNanos, double q) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        return sortedNanos.get(Math.min(sortedNanos.size() - 1, Math.max(0, (int) Math.ceil(q * sortedNanos.size()) - 1)))
                / 1e6;
    }
}
