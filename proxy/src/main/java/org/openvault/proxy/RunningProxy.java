package org.openvault.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.openvault.proxy.balancing.BalancedService;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.engine.eventloop.EventLoopEntrypoint;
import org.openvault.proxy.engine.eventloop.EventLoopRoute;
import org.openvault.proxy.middleware.Middleware;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.InternalEndpoints;
import org.openvault.proxy.ops.ProxyMetrics;
import org.openvault.proxy.rules.RuleParser;
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

    private final Map<String, EventLoopEntrypoint> entrypoints;
    private final ScheduledExecutorService scheduler;
    private final AccessLog accessLog;
    private final SniCertificates certificates;
    private final ProxyMetrics metrics;
    private final List<BalancedService> services;
    /** Set when the proxy is told to stop: /ping answers 503 and responses close their connections. */
    private final AtomicBoolean draining;
    private final Duration drain;
    private volatile boolean stopped;

    private RunningProxy(Map<String, EventLoopEntrypoint> entrypoints, ScheduledExecutorService scheduler, AccessLog accessLog, SniCertificates certificates,
                         ProxyMetrics metrics, List<BalancedService> services, AtomicBoolean draining, Duration drain) {
        this.services = services;
        this.draining = draining;
        this.drain = drain;
        this.entrypoints = entrypoints;
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
        Map<String, Middleware> built = new HashMap<>();
        config.middlewares().forEach((name, definition) -> built.put(name, definition.build()));
        Map<String, List<EventLoopRoute>> routes = new HashMap<>();
        for (ProxyConfig.Router router : config.routers()) {
            EventLoopRoute route = new EventLoopRoute(router.name(), router.rule(), router.priority(),
                    router.middlewares().stream().map(built::get).toList(),
                    router.service().isEmpty() ? null : services.get(router.service()));
            for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
                boolean listed = router.entrypoints().isEmpty() ? !entrypoint.internal() : router.entrypoints().contains(entrypoint.name());
                if (listed) {
                    routes.computeIfAbsent(entrypoint.name(), name -> new ArrayList<>()).add(route);
                }
            }
        }
        // Before any router of its own: an internal entrypoint's /ping and /metrics.
        EventLoopRoute internal = new EventLoopRoute("internal", RuleParser.parse(InternalEndpoints.RULE), Integer.MAX_VALUE,
                List.of(new InternalEndpoints(metrics, draining)), null);
        config.entrypoints().values().stream().filter(ProxyConfig.Entrypoint::internal)
                .forEach(entrypoint -> routes.computeIfAbsent(entrypoint.name(), name -> new ArrayList<>()).add(internal));

        Map<String, EventLoopEntrypoint> started = new LinkedHashMap<>();
        for (ProxyConfig.Entrypoint entrypoint : config.entrypoints().values()) {
            try {
                started.put(entrypoint.name(), EventLoopEntrypoint.start(config.host(), entrypoint,
                        routes.getOrDefault(entrypoint.name(), List.of()), config.trustedProxies(), metrics, accessLog,
                        entrypoint.tls() ? certificates.sslContext() : null,
                        entrypoint.tls() ? sslParameters(config.tls()) : null, draining));
            } catch (IOException e) {
                started.values().forEach(EventLoopEntrypoint::close);
                accessLog.close();
                throw new CannotListenException("entrypoint " + entrypoint.name() + " cannot listen on " + config.host() + ":"
                        + entrypoint.port() + " (" + e.getMessage() + ")");
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
        return new RunningProxy(started, scheduler, accessLog, certificates, metrics,
                List.copyOf(services.values()), draining, config.drain());
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
        EventLoopEntrypoint started = entrypoints.get(entrypoint);
        if (started == null) {
            throw new IllegalArgumentException("no entrypoint " + entrypoint);
        }
        return started.port();
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
        entrypoints.values().forEach(entrypoint -> stopping.add(Thread.ofVirtual().start(entrypoint::close)));
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
