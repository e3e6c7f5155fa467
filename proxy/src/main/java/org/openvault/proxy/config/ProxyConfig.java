package org.openvault.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvault.proxy.middleware.Middlewares;
import org.openvault.proxy.rules.Rule;
import org.openvault.proxy.rules.RuleParser;

/**
 * The whole proxy configuration in Traefik's model — entrypoints, routers, services, middlewares, TLS — read from
 * one YAML file with environment overrides, and checked completely before anything starts.
 */
public record ProxyConfig(String host,
                          List<AddressRange> trustedProxies,
                          Map<String, Entrypoint> entrypoints,
                          List<Router> routers,
                          Map<String, Service> services,
                          Map<String, Middlewares.Definition> middlewares,
                          TlsSettings tls,
                          AccessLogSettings accessLog,
                          Duration drain) {

    /** Names of the walking skeleton's variables, still accepted, and the settings they now set. */
    private static final Map<String, String> FORMER_VARIABLES = Map.of(
            "PROXY_UPSTREAM", "PROXY_SERVICES_FRONTEND_SERVERS",
            "PROXY_HTTPS_PORT", "PROXY_ENTRYPOINTS_WEBSECURE_PORT",
            "PROXY_HTTP_PORT", "PROXY_ENTRYPOINTS_WEB_PORT",
            "PROXY_HTTPS_PUBLIC_PORT", "PROXY_MIDDLEWARES_TO_HTTPS_REDIRECT_SCHEME_PORT",
            "PROXY_UPSTREAM_TIMEOUT_SECONDS", "PROXY_SERVICES_FRONTEND_TIMEOUT");

    /** A listener: its port, whether it terminates TLS, and its limits. Internal ones serve /ping and /metrics only. */
    public record Entrypoint(String name, int port, boolean tls, boolean internal, boolean http2,
                             int maxRequestLine, int maxHeaderBytes, int maxConnections, int maxConnectionsPerAddress,
                             Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, Duration shutdownGrace,
                             boolean eventLoop) {
    }

    /** A router: requests on its entrypoints that match its rule go through its middlewares to its service. */
    public record Router(String name, String ruleText, Rule rule, int priority, List<String> entrypoints,
                         List<String> middlewares, String service) {
    }

    /** An upstream service: servers balanced round-robin, with health checks and retries. */
    public record Service(String name, List<URI> servers, Duration connectTimeout, Duration timeout, int attempts,
                          String healthPath, Duration healthInterval, Duration healthTimeout,
                          int passiveMaxFails, Duration passiveFailTimeout, boolean passHostHeader) {
    }

    /** A PEM certificate chain and key; extra ones are picked by SNI against their names. */
    public record CertificatePair(Path certificate, Path key) {
    }

    public record TlsSettings(CertificatePair defaultCertificate, List<CertificatePair> certificates,
                              Duration reloadInterval, List<String> protocols, List<String> cipherSuites) {
    }

    /** Access log: {@code json} lines or {@code common} log format, to stdout or a file. */
    public record AccessLogSettings(boolean enabled, String format, String file) {
    }

    /** Reads the file at {@code path}, or the bundled application.yaml when null. */
    public static ProxyConfig load(Path path, Map<String, String> env) {
        if (path != null) {
            try {
                return parse(path.getFileName().toString(), Files.readString(path), env);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
            }
        }
        return parse("application.yaml", bundled(), env);
    }

    /** The configuration that ships in the jar. */
    public static String bundled() {
        try (InputStream in = ProxyConfig.class.getResourceAsStream("/application.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProxyConfig parse(String source, String yaml, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        FORMER_VARIABLES.forEach((former, current) -> {
            if (env.containsKey(former) && !env.containsKey(current)) {
                env.put(current, env.get(former));
            }
        });
        ConfigNode root = ConfigNode.parse(source, yaml, env).onlyKeys(Set.of("proxy"));
        ConfigNode proxy = root.node("proxy").onlyKeys(Set.of("host", "trusted-proxies", "entrypoints", "routers",
                "services", "middlewares", "tls", "access-log", "drain"));

        List<AddressRange> trusted = new ArrayList<>();
        for (ConfigNode node : proxy.list("trusted-proxies")) {
            trusted.add(range(node));
        }

        Map<String, Entrypoint> entrypoints = new LinkedHashMap<>();
        proxy.node("entrypoints").map().forEach((name, node) -> entrypoints.put(name, entrypoint(name, node)));
        if (entrypoints.isEmpty()) {
            throw proxy.error("at least one entrypoint is needed under proxy.entrypoints");
        }

        Map<String, Middlewares.Definition> middlewares = new LinkedHashMap<>();
        proxy.node("middlewares").map().forEach((name, node) -> middlewares.put(name, Middlewares.create(name, node)));

        Map<String, Service> services = new LinkedHashMap<>();
        proxy.node("services").map().forEach((name, node) -> services.put(name, service(name, node)));

        List<Router> routers = new ArrayList<>();
        proxy.node("routers").map().forEach((name, node) -> routers.add(router(name, node, entrypoints, middlewares, services)));

        TlsSettings tls = tls(proxy.node("tls"));
        ConfigNode log = proxy.node("access-log").onlyKeys(Set.of("enabled", "format", "file"));
        String format = log.string("format", "json");
        if (!format.equals("json") && !format.equals("common")) {
            throw log.get("format").orElseThrow().error("access-log format must be json or common, not '" + format + "'");
        }
        return new ProxyConfig(proxy.string("host", "0.0.0.0"), List.copyOf(trusted), entrypoints, List.copyOf(routers),
                services, middlewares, tls, new AccessLogSettings(log.bool("enabled", true), format, log.string("file", "")),
                proxy.duration("drain", Duration.ZERO));
    }

    private static AddressRange range(ConfigNode node) {
        try {
            return AddressRange.parse(node.text());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Entrypoint entrypoint(String name, ConfigNode node) {
        node.onlyKeys(Set.of("port", "tls", "internal", "http2", "max-request-line", "max-header-bytes",
                "max-connections", "max-connections-per-address", "idle-timeout", "header-timeout", "body-timeout",
                "shutdown-grace", "engine"));
        int port = node.integer("port", -1);
        if (port < 0 || port > 65535) {
            throw node.error("entrypoint '" + name + "' needs a port between 0 and 65535");
        }
        String engine = node.string("engine", "helidon");
        if (!engine.equals("helidon") && !engine.equals("event-loop")) {
            throw node.get("engine").orElseThrow().error("entrypoint '" + name + "': engine must be helidon or event-loop, not '" + engine + "'");
        }
        boolean eventLoop = engine.equals("event-loop");
        if (eventLoop && node.bool("internal", false)) {
            throw node.get("engine").orElseThrow().error("entrypoint '" + name + "': the internal entrypoint (/ping, /metrics) runs on the helidon engine");
        }
        return new Entrypoint(name, port, node.bool("tls", false), node.bool("internal", false), node.bool("http2", true),
                node.integer("max-request-line", 8192), node.integer("max-header-bytes", 16384),
                node.integer("max-connections", 10_000), node.integer("max-connections-per-address", 256),
                node.duration("idle-timeout", Duration.ofMinutes(3)), node.duration("header-timeout", Duration.ofSeconds(10)),
                node.duration("body-timeout", Duration.ofSeconds(30)), node.duration("shutdown-grace", Duration.ofSeconds(10)),
                eventLoop);
    }

    private static Service service(String name, ConfigNode node) {
        node.onlyKeys(Set.of("servers", "connect-timeout", "timeout", "attempts", "health-check", "passive-health-check",
                "pass-host-header"));
        List<URI> servers = new ArrayList<>();
        for (ConfigNode server : node.list("servers")) {
            URI uri;
            try {
                uri = URI.create(server.text().trim());
            } catch (IllegalArgumentException e) {
                throw server.error("'" + server.text() + "' is not a URL");
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw server.error("server URL '" + server.text() + "' must look like http://host:port");
            }
            servers.add(uri);
        }
        if (servers.isEmpty()) {
            throw node.error("service '" + name + "' needs at least one URL under servers");
        }
        ConfigNode health = node.node("health-check").onlyKeys(Set.of("path", "interval", "timeout"));
        ConfigNode passive = node.node("passive-health-check").onlyKeys(Set.of("max-fails", "fail-timeout"));
        String path = health.string("path", "");
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw health.get("path").orElseThrow().error("health-check path must start with /");
        }
        return new Service(name, List.copyOf(servers), node.duration("connect-timeout", Duration.ofSeconds(5)),
                node.duration("timeout", Duration.ofSeconds(30)), Math.max(1, node.integer("attempts", 2)),
                path, health.duration("interval", Duration.ofSeconds(10)), health.duration("timeout", Duration.ofSeconds(3)),
                passive.integer("max-fails", 1), passive.duration("fail-timeout", Duration.ofSeconds(10)),
                node.bool("pass-host-header", true));
    }

    private static Router router(String name, ConfigNode node, Map<String, Entrypoint> entrypoints,
                                 Map<String, Middlewares.Definition> middlewares, Map<String, Service> services) {
        node.onlyKeys(Set.of("rule", "priority", "entrypoints", "middlewares", "service"));
        ConfigNode ruleNode = node.get("rule").orElseThrow(() -> node.error("router '" + name + "' needs a rule"));
        Rule rule;
        try {
            rule = RuleParser.parse(ruleNode.text());
        } catch (IllegalArgumentException e) {
            throw ruleNode.error("router '" + name + "': " + e.getMessage());
        }
        for (ConfigNode entrypoint : node.list("entrypoints")) {
            if (!entrypoints.containsKey(entrypoint.text())) {
                throw entrypoint.error("router '" + name + "' names unknown entrypoint '" + entrypoint.text() + "'");
            }
        }
        for (ConfigNode middleware : node.list("middlewares")) {
            if (!middlewares.containsKey(middleware.text())) {
                throw middleware.error("router '" + name + "' names unknown middleware '" + middleware.text() + "'");
            }
        }
        String service = node.string("service", "");
        if (!service.isEmpty() && !services.containsKey(service)) {
            throw node.get("service").orElseThrow().error("router '" + name + "' names unknown service '" + service + "'");
        }
        return new Router(name, ruleNode.text(), rule, node.integer("priority", ruleNode.text().length()),
                node.strings("entrypoints"), node.strings("middlewares"), service);
    }

    private static TlsSettings tls(ConfigNode node) {
        node.onlyKeys(Set.of("certificate", "key", "certificates", "reload-interval", "protocols", "cipher-suites"));
        CertificatePair main = pair(node, "the default certificate");
        List<CertificatePair> more = new ArrayList<>();
        for (ConfigNode item : node.list("certificates")) {
            item.onlyKeys(Set.of("certificate", "key"));
            CertificatePair pair = pair(item, "a certificate");
            if (pair == null) {
                throw item.error("each entry of tls.certificates needs certificate and key");
            }
            more.add(pair);
        }
        List<String> protocols = node.strings("protocols");
        for (String protocol : protocols) {
            if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.3")) {
                throw node.get("protocols").orElseThrow().error("only TLSv1.2 and TLSv1.3 are allowed, not '" + protocol + "'");
            }
        }
        return new TlsSettings(main, List.copyOf(more), node.duration("reload-interval", Duration.ofSeconds(10)),
                protocols.isEmpty() ? List.of("TLSv1.3", "TLSv1.2") : protocols, node.strings("cipher-suites"));
    }

    private static CertificatePair pair(ConfigNode node, String what) {
        String certificate = node.string("certificate", "").trim();
        String key = node.string("key", "").trim();
        if (certificate.isEmpty() && key.isEmpty()) {
            return null;
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw node.error("set both certificate and key for " + what + ", or neither");
        }
        for (String which : new String[] {"certificate", "key"}) {
            String file = node.string(which, "").trim();
            if (!Files.isReadable(Path.of(file))) {
                throw node.get(which).orElseThrow().error("TLS file " + file + " does not exist or cannot be read");
            }
        }
        return new CertificatePair(Path.of(certificate), Path.of(key));
    }
}
