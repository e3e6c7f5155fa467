package org.openvault.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLParameters;

import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.http2.Http2Config;
import org.openvault.proxy.balancing.BalancedService;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.engine.eventloop.EventLoopEntrypoint;
import org.openvault.proxy.engine.eventloop.EventLoopRoute;
import org.openvault.proxy.engine.helidon.EntrypointHandler;
import org.openvault.proxy.engine.helidon.ForwardToService;
import org.openvault.proxy.engine.helidon.HeaderTimeout;
import org.openvault.proxy.engine.helidon.TransportErrors;
import org.openvault.proxy.middleware.PortableMiddleware;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.ProxyMetrics;
import org.openvault.proxy.routing.Middleware;
import org.openvault.proxy.routing.Route;
import org.openvault.proxy.routing.WebSocketUpgrades;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;
import org.openvault.proxy.tls.SniCertificates;

/** A started proxy: its listeners, services, health checks, certificate reloads and logs; {@link #stop()} drains it. */
public final class RunningProxy {

    /** TLS 1.3 suites and the TLS 1.2 ones with forward secrecy and AEAD (Mozilla "intermediate"). */
    static final List<String> MODERN_CIPHERS = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Helidon's server for the entrypoints on the helidon engine; null when every entrypoint runs on event loops. */
    private final WebServer server;
    private final Map<String, String> socketNames;
    private final Map<String, EventLoopEntrypoint> eventLoopEntrypoints;
    private final ScheduledExecutorService scheduler;
    private final AccessLog accessLog;
    private final SniCertificates certificates;
    private final ProxyMetrics metrics;
    private final List<BalancedService> services;
    /** Set when the proxy is told to stop: /ping answers 503 and responses close their connections. */
    private final AtomicBoolean draining;
    private final Duration drain;
    private volatile boolean stopped;

    private RunningProxy(WebServer server, Map<String, String> socketNames, Map<String, EventLoopEntrypoint> eventLoopEntrypoints,
                         ScheduledExecutorService scheduler, AccessLog accessLog, SniCertificates certificates,
                         ProxyMetrics metrics, List<BalancedService> services, AtomicBoolean draining, Duration drain) {
        this.services = services;
        this.draining = draining;
        this.drain = drain;
        this.server = server;
        this.socketNames = socketNames;
        this.eventLoopEntrypoints = eventLoopEntrypoints;
        this.scheduler = scheduler;
        this.accessLog = accessLog;
        this.certificates = certificates;
        this.metrics = metrics;
    }

    static RunningProxy start(ProxyConfig config) {
        Map<String, BalancedService> services = new LinkedHashMap<>();
        config.services().forEach((name, service) -> services.put(name, new BalancedService(service)));
        ProxyMetrics metrics = new ProxyMetrics(List.copyOf(services.values()));
        AccessLog accessLog = new AccessLog(config.accessLog());
        boolean anyTls = config.entrypoints().values().stream().anyMatch(ProxyConfig.Entrypoint::tls);
        SniCertificates certificates = anyTls ? certificates(config.tls()) : null;
        AtomicBoolean draining = new AtomicBoolean();

        // Each middleware once, shared by every router naming it (a rate limit counts across them all).
        Map<String, PortableMiddleware> built = new HashMap<>();
        config.middlewares().forEach((name, definition) -> built.put(name, definition.build()));
        Map<String, List<Route>> routesByEntrypoint = new HashMap<>();
        Map<String, List<EventLoopRoute>> eventLoopRoutes = new HashMap<>();
        for (ProxyConfig.Router router : config.routers()) {
            Middleware.Next chain = router.service().isEmpty()
                    ? exchange -> { }
                    : exchange -> ForwardToService.forward(exchange, services.get(router.service()));
            List<String> middlewares = router.middlewares();
            for (int i = middlewares.size() - 1; i >= 0; i--) {
                Middleware middleware = built.get(middlewares.get(i));
                Middleware.Next rest = chain;
                chain = exchange -> middleware.handle(exchange, rest);
            }
            Route route = new Route(router.name(), router.rule(), router.priority(), chain);
            for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
                boolean listed = router.entrypoints().isEmpty() ? !entrypoint.internal() : router.entrypoints().contains(entrypoint.name());
                if (listed && entrypoint.eventLoop()) {
                    eventLoopRoutes.computeIfAbsent(entrypoint.name(), name -> new ArrayList<>()).add(new EventLoopRoute(
                            router.name(), router.rule(), router.priority(),
                            router.middlewares().stream().map(built::get).toList(),
                            router.service().isEmpty() ? null : services.get(router.service())));
                } else if (listed) {
                    routesByEntrypoint.computeIfAbsent(entrypoint.name(), name -> new ArrayList<>()).add(route);
                }
            }
        }

        WebServerConfig.Builder builder = WebServer.builder().shutdownHook(false);
        List<HeaderTimeout> headerTimeouts = new ArrayList<>();
        Map<String, String> socketNames = new LinkedHashMap<>();
        boolean first = true;
        for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
            if (entrypoint.eventLoop()) {
                continue;
            }
            String socket = first ? WebServer.DEFAULT_SOCKET_NAME : entrypoint.name();
            socketNames.put(entrypoint.name(), socket);
            List<Route> routes = routesByEntrypoint.getOrDefault(entrypoint.name(), List.of());
            WebSocketUpgrades webSocketUpgrades = entrypoint.internal() ? null : new WebSocketUpgrades();
            EntrypointHandler handler = new EntrypointHandler(entrypoint.name(), routes, config.trustedProxies(), metrics, accessLog,
                    entrypoint.maxHeaderBytes(), webSocketUpgrades, draining);
            Tls tls = entrypoint.tls() ? tls(certificates, config.tls()) : null;
            HeaderTimeout headerTimeout = new HeaderTimeout(entrypoint.headerTimeout());
            headerTimeouts.add(headerTimeout);
            if (first) {
                listener(builder, config.host(), entrypoint, tls, headerTimeout, webSocketUpgrades);
                builder.routing(routing -> routing(routing, entrypoint, handler, metrics, draining));
            } else {
                builder.putSocket(socket, listenerBuilder -> {
                    listener(listenerBuilder, config.host(), entrypoint, tls, headerTimeout, webSocketUpgrades);
                    listenerBuilder.routing(routing -> routing(routing, entrypoint, handler, metrics, draining));
                });
            }
            first = false;
        }
        Map<String, EventLoopEntrypoint> eventLoops = new LinkedHashMap<>();
        for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
            if (!entrypoint.eventLoop()) {
                continue;
            }
            try {
                eventLoops.put(entrypoint.name(), EventLoopEntrypoint.start(config.host(), entrypoint,
                        eventLoopRoutes.getOrDefault(entrypoint.name(), List.of()), config.trustedProxies(), metrics, accessLog,
                        entrypoint.tls() ? certificates.sslContext() : null,
                        entrypoint.tls() ? sslParameters(config.tls()) : null));
            } catch (IOException e) {
                eventLoops.values().forEach(EventLoopEntrypoint::close);
                accessLog.close();
                throw new CannotListenException("entrypoint " + entrypoint.name() + " cannot listen on port "
                        + entrypoint.port() + " (" + e.getMessage() + ")");
            }
        }
        WebServer server = null;
        if (!socketNames.isEmpty()) {
            server = builder.build().start();
            if (!server.isRunning()) {
                // Helidon logged the failure and closed every listener; say which entrypoint could not listen.
                eventLoops.values().forEach(EventLoopEntrypoint::close);
                accessLog.close();
                throw new CannotListenException(bindFailure(config));
            }
        }

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("proxy-scheduler").daemon(true).factory());
        for (BalancedService service : services.values()) {
            if (!service.config().healthPath().isEmpty()) {
                long interval = service.config().healthInterval().toMillis();
                scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().start(service::checkHealth),
                        interval, interval, TimeUnit.MILLISECONDS);
            }
        }
        if (certificates != null && config.tls().defaultCertificate() != null) {
            long interval = Math.max(100, config.tls().reloadInterval().toMillis());
            scheduler.scheduleWithFixedDelay(certificates::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(accessLog::flush, 1, 1, TimeUnit.SECONDS);
        // Upstream read timeouts (504) to within 50 ms.
        scheduler.scheduleWithFixedDelay(() -> services.values().forEach(BalancedService::expireSilentConnections),
                50, 50, TimeUnit.MILLISECONDS);
        long sweep = Math.max(50, config.entrypoints().values().stream()
                .mapToLong(entrypoint -> entrypoint.headerTimeout().toMillis() / 4).min().orElse(1000));
        scheduler.scheduleWithFixedDelay(() -> headerTimeouts.forEach(HeaderTimeout::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
        return new RunningProxy(server, socketNames, eventLoops, scheduler, accessLog, certificates, metrics,
                List.copyOf(services.values()), draining, config.drain());
    }

    private static void listener(ListenerConfig.BuilderBase<?, ?> listener, String host, ProxyConfig.Entrypoint entrypoint, Tls tls,
                                 HeaderTimeout headerTimeout, WebSocketUpgrades webSocketUpgrades) {
        Http1Config http1 = Http1Config.builder()
                .maxPrologueLength(entrypoint.maxRequestLine())
                // Helidon answers 400 past its own limit; the handler answers 431 between ours and it.
                .maxHeadersSize(Math.max(2 * entrypoint.maxHeaderBytes(), entrypoint.maxHeaderBytes() + 8192))
                .addReceiveListener(headerTimeout)
                // Helidon's wire-level trace listeners: a logger check per prologue, header block and buffer.
                .receiveLog(false)
                .sendLog(false)
                .build();
        listener.host(host)
                .port(entrypoint.port())
                .maxTcpConnections(entrypoint.maxConnections())
                .idleConnectionTimeout(entrypoint.idleTimeout())
                .idleConnectionPeriod(Duration.ofMillis(Math.max(100, Math.min(60_000, entrypoint.idleTimeout().toMillis() / 4))))
                .shutdownGracePeriod(entrypoint.shutdownGrace())
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // Socket channels (TLS through an SSLEngine) instead of byte streams over SSLSockets: less CPU per
                // request and higher throughput in every A/B pair of BENCHMARKS.md (Proxy, second session).
                .useNio(true)
                .directHandlers(handlers -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, new TransportErrors());
                    }
                })
                .protocolsDiscoverServices(false);
        if (webSocketUpgrades == null) {
            listener.addProtocol(http1);
        } else {
            // HTTP/1 with WebSocket handshakes tunnelled (browsers send "websocket"; some clients capitalise it).
            listener.addConnectionSelector(Http1ConnectionSelector.builder()
                    .config(http1)
                    .putUpgrader("websocket", webSocketUpgrades)
                    .putUpgrader("WebSocket", webSocketUpgrades)
                    .build());
        }
        if (tls != null) {
            listener.tls(tls);
            if (entrypoint.http2()) {
                listener.addProtocol(Http2Config.builder().build());
            }
        }
    }

    private static void routing(HttpRouting.Builder routing, ProxyConfig.Entrypoint entrypoint, EntrypointHandler handler,
                                ProxyMetrics metrics, AtomicBoolean draining) {
        if (entrypoint.internal()) {
            routing.get("/ping", (req, res) -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/plain");
                if (draining.get()) {
                    res.status(Status.SERVICE_UNAVAILABLE_503).send("draining");
                } else {
                    res.send("OK");
                }
            })
                    .get("/metrics", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                            .send(metrics.render()));
        }
        routing.any(handler);
    }

    /** The entrypoints whose port cannot be bound now (the others were closed again when Helidon gave up). */
    private static String bindFailure(ProxyConfig config) {
        List<String> failures = new ArrayList<>();
        for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(config.host(), entrypoint.port()));
            } catch (IOException e) {
                failures.add("entrypoint " + entrypoint.name() + " cannot listen on " + config.host() + ":" + entrypoint.port()
                        + " (" + e.getMessage() + ")");
            }
        }
        return failures.isEmpty()
                ? "the entrypoints' listeners failed to start (see the log above)"
                : String.join("; ", failures);
    }

    private static Tls tls(SniCertificates certificates, ProxyConfig.TlsSettings settings) {
        return Tls.builder()
                .sslContext(certificates.sslContext())
                .sslParameters(sslParameters(settings))
                .enabledProtocols(settings.protocols())
                .enabledCipherSuites(ciphers(settings))
                .build();
    }

    private static List<String> ciphers(ProxyConfig.TlsSettings settings) {
        return settings.cipherSuites().isEmpty() ? MODERN_CIPHERS : settings.cipherSuites();
    }

    private static SSLParameters sslParameters(ProxyConfig.TlsSettings settings) {
        SSLParameters parameters = new SSLParameters(ciphers(settings).toArray(String[]::new), settings.protocols().toArray(String[]::new));
        // Our order, not the client's: AES-128-GCM first (fast with AES-NI; OpenSSL clients ask for AES-256 first).
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private static SniCertificates certificates(ProxyConfig.TlsSettings settings) {
        List<CertificateFiles> files = new ArrayList<>();
        if (settings.defaultCertificate() != null) {
            files.add(new CertificateFiles(settings.defaultCertificate().certificate(), settings.defaultCertificate().key()));
        }
        settings.certificates().forEach(pair -> files.add(new CertificateFiles(pair.certificate(), pair.key())));
        if (files.isEmpty()) {
            try {
                Path directory = Files.createTempDirectory("openvault-proxy-tls");
                CertificateFiles generated = SelfSignedCertificate.generate(directory);
                System.out.println("No TLS certificate configured: using a self-signed one for localhost at " + generated.certificate());
                files.add(generated);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SniCertificates(files);
    }

    /** The port entrypoint {@code name} listens on. */
    public int port(String entrypoint) {
        EventLoopEntrypoint eventLoop = eventLoopEntrypoints.get(entrypoint);
        if (eventLoop != null) {
            return eventLoop.port();
        }
        String socket = socketNames.get(entrypoint);
        if (socket == null) {
            throw new IllegalArgumentException("no entrypoint " + entrypoint);
        }
        return server.port(socket);
    }

    /** Checks the certificate files now instead of waiting for the next poll. */
    public boolean reloadCertificates() {
        return certificates != null && certificates.reloadIfChanged();
    }

    /** Runs every active health check now instead of waiting for the next interval. */
    public void checkHealthNow() {
        services.forEach(BalancedService::checkHealth);
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    /**
     * Drains, then {@link #stop()}s: for the configured drain time /ping answers 503 (readiness down, so load balancers
     * stop sending new connections) while requests are still served, each answer closing its connection so that
     * kept-alive clients reconnect elsewhere.
     */
    public void drainThenStop() {
        draining.set(true);
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** Stops taking connections, lets in-flight requests finish (the entrypoints' shutdown-grace), flushes the log. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        scheduler.shutdownNow();
        List<Thread> stopping = new ArrayList<>();
        eventLoopEntrypoints.values().forEach(entrypoint -> stopping.add(Thread.ofVirtual().start(entrypoint::close)));
        if (server != null) {
            server.stop();
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        accessLog.close();
    }

}
