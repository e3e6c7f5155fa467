package org.openvault.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openvault.backend.admin.AdminFixture;
import org.openvault.backend.auth.Role;
import org.openvault.backend.images.ImagesAdminTest;
import org.openvault.backend.images.S3TestServer;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two backends and two frontends, each started from its image in its own process, behind two edge proxies'
 * load-balanced services, over one PostgreSQL and one S3 server: they behave as one site, and losing or restarting any
 * of them under load costs no request that could have gone elsewhere. Two stand-ins for what a cluster provides: a
 * third proxy with one plain entrypoint is the backend's Kubernetes Service (the frontends reach the backends through
 * it), and the load's clients are the load balancer in front of the edge proxies (they send new requests only to an
 * edge whose /ping answers, as endpoints follow readiness). Figures go to standard output and
 * {@code target/replicas-figures.txt} (RELIABILITY.md keeps them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasFromImagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "replicas-media";
    private static final String PREVIEW_SECRET = "replicas-preview-secret-0123456789abcdef";
    /** Readiness down this long before a stopping service closes its listener (four proxy health checks). */
    private static final String DRAIN = "PT1S";
    private static final String HEALTH_INTERVAL = "250ms";
    private static final HttpClient DIRECT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestDatabase db;
    private static S3TestServer s3;
    private static String token;
    private static final List<Replica> backends = new ArrayList<>();
    private static final List<Replica> frontends = new ArrayList<>();
    /** The two edge proxies (HTTPS), then the stand-in for the backend Service. */
    private static final List<Replica> proxies = new ArrayList<>();
    private static HttpClient edge;
    /** The image uploaded by the first test, the cover of the pages later tests publish. */
    private static int imageId;
    private static final StringBuilder figures = new StringBuilder();

    /** One service replica: its image, unpacked root, fixed port and environment, and its running process. */
    private static final class Replica {
        final String name;
        final ContainerImage image;
        final Path root;
        final int port;
        final Map<String, String> env;
        /** For proxies: the HTTPS port (edges) or plain port (the Service stand-in); port is their internal one. */
        final int servingPort;
        ContainerImage.Running running;

        Replica(String name, ContainerImage image, Path root, int port, Map<String, String> env) {
            this(name, image, root, port, env, port);
        }

        Replica(String name, ContainerImage image, Path root, int port, Map<String, String> env, int servingPort) {
            this.name = name;
            this.image = image;
            this.root = root;
            this.port = port;
            this.env = env;
            this.servingPort = servingPort;
        }

        String url() {
            return "http://localhost:" + port;
        }

        void start() throws Exception {
            running = image.start(root, env);
            running.awaitOutput(name.startsWith("proxy") ? "Proxy listening on"
                    : "listening on http://localhost:" + port);
        }

        /** SIGTERM to the service's JVM (as Kubernetes stops a pod), then waits for it to end. */
        void stop() throws Exception {
            running.terminate();
            running.close();
        }
    }

    @BeforeAll
    static void startTheStack() throws Exception {
        ContainerImage.assumeRunnable();
        db = TestDatabase.get();
        Map<String, String> database = Map.of("OV_DB_URL", db.url(), "OV_DB_USER", db.user(),
                "OV_DB_PASSWORD", db.password());

        // Demo content, its pictures drawn into the migrate image's /tmp, then copied into the bucket as a site moving
        // to S3 would do it.
        ContainerImage migrate = ContainerImage.of("migrate");
        Path migrateRoot = migrate.unpack();
        Map<String, String> migrateEnv = new HashMap<>(database);
        migrateEnv.put("OV_MEDIA_ROOT", "/tmp/demo-media");
        try (ContainerImage.Running job = migrate.start(migrateRoot, migrateEnv, "--demo")) {
            assertEquals(0, job.awaitExit(), job::output);
        }
        s3 = S3TestServer.start(BUCKET);
        assertEquals(0, s3.copyFolder(migrateRoot.resolve("tmp/demo-media"), BUCKET));
        token = AdminFixture.tokenFor(db, "replicas-moderator", Role.MODERATOR);

        int clusterPort = FreePorts.next();
        ContainerImage backendImage = ContainerImage.of("backend");
        Path backendRoot = backendImage.unpack();
        for (String name : List.of("backend-a", "backend-b")) {
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>(database);
            env.putAll(s3.backendEnvironment(BUCKET));
            env.putAll(Map.of("SERVER_PORT", Integer.toString(port), "OV_PRODUCTION", "true",
                    "OV_PREVIEW_SECRET", PREVIEW_SECRET, "OV_SHUTDOWN_DRAIN", DRAIN, "OV_DB_POOL_SIZE", "4",
                    "OV_DB_CONNECT_TIMEOUT_SECONDS", "30", "JAVA_TOOL_OPTIONS", "-Xmx192m -XX:TieredStopAtLevel=1"));
            backends.add(new Replica(name, backendImage, backendRoot, port, env));
        }
        ContainerImage frontendImage = ContainerImage.of("frontend");
        Path frontendRoot = frontendImage.unpack();
        for (String name : List.of("frontend-a", "frontend-b")) {
            int port = FreePorts.next();
            frontends.add(new Replica(name, frontendImage, frontendRoot, port, Map.of(
                    "SERVER_PORT", Integer.toString(port), "OV_API_URL", "http://localhost:" + clusterPort,
                    "OV_SHUTDOWN_DRAIN", DRAIN, "JAVA_TOOL_OPTIONS", "-Xmx128m -XX:TieredStopAtLevel=1")));
        }
        // One at a time: JVMs starting at once on two shared cores only make each start slower.
        for (Replica replica : backends) {
            replica.start();
        }
        for (Replica replica : frontends) {
            replica.start();
        }

        ContainerImage proxyImage = ContainerImage.of("proxy");
        Path proxyRoot = proxyImage.unpack();
        for (String name : List.of("proxy-edge-a", "proxy-edge-b", "proxy-service")) {
            int internal = FreePorts.next();
            int serving = name.equals("proxy-service") ? clusterPort : FreePorts.next();
            Files.writeString(proxyRoot.resolve("tmp/" + name + ".yaml"),
                    proxyConfig(serving, !name.equals("proxy-service"), internal));
            proxies.add(new Replica(name, proxyImage, proxyRoot, internal, Map.of(
                    "PROXY_CONFIG_FILE", "/tmp/" + name + ".yaml", "JAVA_TOOL_OPTIONS", "-Xmx128m"), serving));
        }
        for (Replica replica : proxies) {
            replica.start();
        }
        edge = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TrustingTls.context())
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (Replica replica : backends) {
            awaitUp("backend", replica, true);
        }
        for (Replica replica : frontends) {
            awaitUp("frontend", replica, true);
        }
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (Replica replica : proxies) {
            if (replica.running != null) {
                replica.running.close();
            }
        }
        for (Replica replica : frontends) {
            if (replica.running != null) {
                replica.running.close();
            }
        }
        for (Replica replica : backends) {
            if (replica.running != null) {
                replica.running.close();
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (db != null) {
            AdminFixture.removePagesOf(db, "replicas-");
        }
        if (!figures.isEmpty()) {
            Files.writeString(Path.of("target/replicas-figures.txt"), figures);
        }
    }

    @Test
    @Order(1)
    void anImageUploadedThroughOneBackendIsServedByTheOther() throws Exception {
        byte[] png = ImagesAdminTest.drawn("png", 640, 480);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(backends.get(0).url() + "/api/admin/v1/images/"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", ImagesAdminTest.multipartType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(ImagesAdminTest.multipart(
                        ImagesAdminTest.filePart("replicas.png", "image/png", png),
                        ImagesAdminTest.textPart("title", "Replicas upload"))))
                .build();
        HttpResponse<String> created = DIRECT.send(upload, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode image = JSON.readTree(created.body());
        imageId = image.get("id").asInt();
        HttpResponse<byte[]> served = DIRECT.send(HttpRequest.newBuilder(
                URI.create(backends.get(1).url() + image.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, served.statusCode());
        assertArrayEquals(png, served.body(), "the other backend streams the same bytes from the bucket");

        // A page using it, published through one, has its renditions served by the other.
        JsonNode page = publishThrough(backends.get(0), "replicas-cover", image.get("id").asInt());
        JsonNode exhibit = getJson(backends.get(1).url() + "/api/v2/exhibits/" + page.get("id").asInt() + "/");
        String rendition = exhibit.get("cover_image").get("url").asText();
        HttpResponse<byte[]> renditionFromA = DIRECT.send(HttpRequest.newBuilder(
                URI.create(backends.get(0).url() + rendition)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, renditionFromA.statusCode(), rendition);
    }

    @Test
    @Order(2)
    void aPreviewTokenMadeByOneBackendIsAcceptedByTheOther() throws Exception {
        ObjectNode content = ImagesAdminTest.exhibit("Replicas preview draft", "replicas-preview");
        ObjectNode body = JSON.createObjectNode().put("type", "exhibits.ExhibitPage").put("parent_id", homeId());
        body.set("content", content);
        HttpResponse<String> made = DIRECT.send(HttpRequest.newBuilder(
                        URI.create(backends.get(0).url() + "/api/admin/v1/previews/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, made.statusCode(), made.body());
        String apiUrl = JSON.readTree(made.body()).get("api_url").asText();
        JsonNode draft = getJson(backends.get(1).url() + apiUrl);
        assertEquals("Replicas preview draft", draft.get("title").asText());
        // The public site's preview, through either edge, whichever frontend and backend answer.
        for (int i = 0; i < 4; i++) {
            URI preview = URI.create("https://localhost:" + proxies.get(i % 2).servingPort + "/preview"
                    + apiUrl.substring(apiUrl.indexOf('?')));
            HttpResponse<String> site = edge.send(HttpRequest.newBuilder(preview).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, site.statusCode(), site.body());
            assertTrue(site.body().contains("Replicas preview draft"));
        }
    }

    @Test
    @Order(3)
    void aPublishThroughOneBackendIsVisibleThroughTheOthersPublicApiWithinOneSecond() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String slug = "replicas-visible-" + i;
            Replica writer = backends.get(i % 2);
            Replica reader = backends.get((i + 1) % 2);
            // The reader has answered the listing already (its response cache is warm) before the publish.
            getJson(reader.url() + "/api/v2/exhibits/?slug=" + slug);
            publishThrough(writer, slug, imageId);
            long published = System.nanoTime();
            long seen;
            while (true) {
                JsonNode found = getJson(reader.url() + "/api/v2/exhibits/?slug=" + slug);
                if (found.get("meta").get("total_count").asInt() == 1) {
                    seen = System.nanoTime();
                    break;
                }
                assertTrue(System.nanoTime() - published < 1_000_000_000L, slug + " not visible within 1 s");
                Thread.sleep(5);
            }
            millis.add((seen - published) / 1_000_000);
        }
        record("publish on one backend -> visible on the other's public API (ms, 5 publishes)", millis.toString());
        assertTrue(millis.stream().allMatch(ms -> ms < 1000), millis.toString());
    }

    @Test
    @Order(4)
    void killingOneBackendUnderLoadCostsNoFailedGetOnceTheProxyEjectedIt() throws Exception {
        Replica victim = backends.get(1);
        servePagesOnce();
        try (Load load = Load.start(edge, proxies.subList(0, 2), renditionPath())) {
            Thread.sleep(2000);
            long killed = System.nanoTime();
            victim.running.close(); // SIGKILL: no draining, in-flight requests are cut
            long ejectedAt = awaitUp("backend", victim, false);
            long ejectedMillis = (ejectedAt - killed) / 1_000_000;
            Thread.sleep(3000);
            Load.Result result = load.finish();
            // By when each failed request was sent: before the ejection (cut in flight or sent to the dead backend
            // before every proxy knew), or after it, which must not happen.
            long before = result.failuresSentBetween(Long.MIN_VALUE, ejectedAt);
            long after = result.failuresSentBetween(ejectedAt, Long.MAX_VALUE);
            record("kill -9 of one backend under load", result.total() + " requests, " + before
                    + " failed that were sent before every proxy had ejected it (" + ejectedMillis
                    + " ms after the kill), "
                    + after + " failed that were sent after; first failures: " + result.firstFailures());
            assertTrue(ejectedMillis <= 1000, "the proxies took " + ejectedMillis + " ms to eject the backend");
            assertEquals(0, after, result.firstFailures());
            assertTrue(result.total() > 100, "too little load to show anything: " + result.total());
        } finally {
            victim.start();
            awaitUp("backend", victim, true);
        }
    }

    @Test
    @Order(5)
    void aRollingRestartOfEveryServiceUnderLoadFailsNoRequest() throws Exception {
        long started = System.nanoTime();
        try (Load load = Load.start(edge, proxies.subList(0, 2), renditionPath())) {
            Thread.sleep(1000);
            List<String> steps = new ArrayList<>();
            for (Replica replica : List.of(backends.get(0), backends.get(1), frontends.get(0), frontends.get(1),
                    proxies.get(0), proxies.get(1))) {
                long stopping = System.nanoTime();
                replica.stop();
                long stopped = System.nanoTime();
                replica.start();
                if (replica.name.startsWith("proxy")) {
                    awaitPing(replica);
                } else {
                    awaitUp(replica.name.startsWith("backend") ? "backend" : "frontend", replica, true);
                }
                steps.add(replica.name + " drained and stopped in " + (stopped - stopping) / 1_000_000 + " ms, back in "
                        + (System.nanoTime() - stopped) / 1_000_000 + " ms");
            }
            Thread.sleep(1000);
            Load.Result result = load.finish();
            record("rolling restart of every service (SIGTERM, then start, one replica at a time) under load",
                    result.total()
                    + " requests in " + (System.nanoTime() - started) / 1_000_000 + " ms, " + result.failures()
                    + " failed; " + String.join("; ", steps));
            assertEquals(0, result.failures(), result.firstFailures());
            assertTrue(result.total() > 100, "too little load to show anything: " + result.total());
        }
    }

    // ---- helpers ----

    /**
     * Has each frontend serve the load's pages once, as a site in service has, so that a failure under the load is
     * the kill's. A page a frontend has never served has no answer to fall back on: its first backend call (for the
     * home page: the first rendering of the collections' renditions, seconds on two busy cores) can exceed the
     * frontend's 3 s limit, which fails that page for every visitor who asked for it meanwhile, whatever the
     * backends' state. Up to 30 s per page against a hang; a 503 meanwhile is such a first call timing out.
     */
    private static void servePagesOnce() throws Exception {
        for (Replica frontend : frontends) {
            for (String path : List.of("/", "/exhibits/")) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (true) {
                    HttpResponse<String> page = DIRECT.send(HttpRequest.newBuilder(URI.create(frontend.url() + path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() == 200) {
                        break;
                    }
                    assertTrue(System.nanoTime() < deadline, frontend.name + path + " answers " + page.statusCode());
                    Thread.sleep(100);
                }
            }
        }
    }

    /** A publish through the admin API of one backend: a new exhibit under Home with the image as cover and hero. */
    private static JsonNode publishThrough(Replica backend, String slug, int image) throws Exception {
        ObjectNode content = ImagesAdminTest.exhibit("Replicas " + slug, slug);
        content.put("cover_image_id", image).put("hero_image_id", image);
        ObjectNode body = JSON.createObjectNode().put("type", "exhibits.ExhibitPage").put("parent_id", homeId());
        body.set("content", content);
        HttpResponse<String> created = DIRECT.send(HttpRequest.newBuilder(
                        URI.create(backend.url() + "/api/admin/v1/pages/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode page = JSON.readTree(created.body());
        HttpResponse<String> published = DIRECT.send(HttpRequest.newBuilder(
                        URI.create(backend.url() + "/api/admin/v1/pages/" + page.get("id").asInt() + "/publish"))
                .header("Authorization", "Bearer " + token).header("If-Match", page.get("etag").asText())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, published.statusCode(), published.body());
        return page;
    }

    private static long homeId() {
        return db.queryLong("SELECT min(id) FROM page WHERE type = 'home.HomePage'");
    }

    /** A rendition of a demo exhibit's cover, made once, for the load's /media/ requests. */
    private static String renditionPath() throws Exception {
        JsonNode exhibits = getJson(backends.get(0).url() + "/api/v2/exhibits/?fields=cover_image");
        for (JsonNode item : exhibits.get("items")) {
            JsonNode cover = item.get("cover_image");
            if (cover != null && cover.has("url")) {
                return cover.get("url").asText();
            }
        }
        throw new AssertionError("no demo exhibit has a cover image: " + exhibits);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = DIRECT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /**
     * Waits until every proxy's metrics show the replica as {@code up} (or down) in {@code service}; answers the
     * nanoTime the last one showed it. An upper bound of 30 s against a hang, not a timing assertion.
     */
    private static long awaitUp(String service, Replica replica, boolean up) throws Exception {
        String line = "proxy_upstream_up{service=\"" + service + "\",url=\"" + replica.url() + "\"} " + (up ? 1 : 0);
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (Replica proxy : proxies) {
            while (true) {
                HttpResponse<String> metrics = DIRECT.send(HttpRequest.newBuilder(
                        URI.create(proxy.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                if (metrics.body().contains(line)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(proxy.name + " never showed " + line + "\n" + proxy.running.output());
                }
                Thread.sleep(10);
            }
        }
        return System.nanoTime();
    }

    /** Waits (up to 30 s, against a hang) until a proxy's /ping answers 200. */
    private static void awaitPing(Replica proxy) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Load.answersPing(proxy)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(proxy.name + " does not answer /ping\n" + proxy.running.output());
            }
            Thread.sleep(10);
        }
    }

    private static void record(String what, String figure) {
        String line = what + ": " + figure;
        System.out.println(line);
        figures.append(line).append('\n');
    }

    /**
     * A proxy's configuration: an HTTPS edge (the site's routers) or a plain one (everything to the backends, the
     * Service stand-in); both health-check every replica of both services and drain on stop.
     */
    private static String proxyConfig(int port, boolean edge, int internal) {
        String routers = edge ? """
                    backend:
                      rule: PathPrefix(`/admin`) || PathPrefix(`/api/`) || PathPrefix(`/media/`)
                      service: backend
                    frontend:
                      rule: PathPrefix(`/`)
                      service: frontend
                """ : """
                    cluster:
                      rule: PathPrefix(`/`)
                      service: backend
                """;
        return """
                proxy:
                  host: 127.0.0.1
                  drain: %s
                  access-log:
                    enabled: false
                  entrypoints:
                    main:
                      port: %d
                      tls: %s
                    internal:
                      port: %d
                      internal: true
                  routers:
                %s
                  services:
                    backend:
                      servers: [%s, %s]
                      health-check:
                        path: /observe/health/ready
                        interval: %s
                        timeout: 1s
                    frontend:
                      servers: [%s, %s]
                      health-check:
                        path: /health
                        interval: %s
                        timeout: 1s
                """.formatted(DRAIN.substring(2).toLowerCase(java.util.Locale.ROOT), port, edge, internal,
                routers.stripTrailing(), backends.get(0).url(), backends.get(1).url(), HEALTH_INTERVAL,
                frontends.get(0).url(), frontends.get(1).url(), HEALTH_INTERVAL);
    }


    /**
     * GETs through the edge proxies from a few virtual threads, round the site's kinds of request: a page of the
     * public site (frontend, then backend through the Service stand-in), the public API and a rendition from the
     * bucket. Like a load balancer, requests go round the edges whose /ping answered at the last look (every 100 ms).
     * Every answer other than 200 and every transport error is a failure, kept with the time it was sent. Each client
     * pauses between requests, so that the load leaves the two cores room to restart the services.
     */
    private static final class Load implements AutoCloseable {
        private static final int CLIENTS = 6;
        private static final long PAUSE_MILLIS = 20;

        /** A failed request: when it was sent (nanoTime) and what happened. */
        record Failure(long sent, String what) {
        }

        record Result(long total, List<Failure> failed) {
            long failures() {
                return failed.size();
            }

            long failuresSentBetween(long from, long to) {
                return failed.stream().filter(f -> f.sent() >= from && f.sent() < to).count();
            }

            String firstFailures() {
                return failed.stream().limit(5).map(Failure::what).toList().toString();
            }
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        private final List<Thread> clients = new ArrayList<>();

        private volatile List<Integer> healthyEdges;

        static boolean answersPing(Replica proxy) {
            try {
                return DIRECT.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/ping"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static Load start(HttpClient client, List<Replica> edges, String rendition) {
            Load load = new Load();
            List<Integer> all = edges.stream().map(edge -> edge.servingPort).toList();
            load.healthyEdges = all;
            load.clients.add(Thread.ofVirtual().start(() -> {
                while (load.running.get()) {
                    List<Integer> healthy = edges.stream().filter(Load::answersPing).map(edge -> edge.servingPort)
                            .toList();
                    load.healthyEdges = healthy.isEmpty() ? all : healthy;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
            List<String> paths = List.of("/", "/exhibits/", "/api/v2/pages/", rendition, "/api/v2/exhibits/");
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                load.clients.add(Thread.ofVirtual().start(() -> {
                    for (int i = first; load.running.get(); i++) {
                        String path = paths.get(i % paths.size());
                        List<Integer> ports = load.healthyEdges;
                        int port = ports.get(i % ports.size());
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                                            URI.create("https://localhost:" + port + path))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                load.failures.add(new Failure(sent, port + path + " " + response.statusCode()));
                            }
                        } catch (IOException e) {
                            load.failures.add(new Failure(sent, port + path + " " + e));
                        } catch (InterruptedException e) {
                            return;
                        }
                        load.total.incrementAndGet();
                        try {
                            Thread.sleep(PAUSE_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            return load;
        }

        Result finish() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            return new Result(total.get(), List.copyOf(failures));
        }

        @Override
        public void close() throws InterruptedException {
            finish();
        }
    }
}
