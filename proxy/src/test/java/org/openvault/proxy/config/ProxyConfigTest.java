package org.openvault.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProxyConfigTest {

    private static final String VALID = """
            proxy:
              entrypoints:
                web:
                  port: 8080
              routers:
                site:
                  rule: PathPrefix(`/`)
                  service: site
                api:
                  rule: PathPrefix(`/api/`)
                  priority: 1
                  service: site
              services:
                site:
                  servers: [http://localhost:3000, http://localhost:3001]
                  timeout: 1500ms
            """;

    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ProxyConfig.parse("proxy.yaml", yaml, Map.of())).getMessage();
    }

    @Test
    void readsRoutersWithDefaultAndExplicitPriority() {
        ProxyConfig config = ProxyConfig.parse("proxy.yaml", VALID, Map.of());
        assertEquals(15, config.routers().get(0).priority());
        assertEquals(1, config.routers().get(1).priority());
        assertEquals(Duration.ofMillis(1500), config.services().get("site").timeout());
        assertEquals(2, config.services().get("site").servers().size());
    }

    @Test
    void environmentOverridesValuesAndLists() {
        ProxyConfig config = ProxyConfig.parse("proxy.yaml", VALID, Map.of(
                "PROXY_ENTRYPOINTS_WEB_PORT", "9090",
                "PROXY_SERVICES_SITE_SERVERS", "http://a:1, http://b:2,http://c:3",
                "PROXY_ROUTERS_API_PRIORITY", "500"));
        assertEquals(9090, config.entrypoints().get("web").port());
        assertEquals(List.of("http://a:1", "http://b:2", "http://c:3"),
                config.services().get("site").servers().stream().map(Object::toString).toList());
        assertEquals(500, config.routers().get(1).priority());
    }

    @Test
    void formerVariablesStillWork() {
        ProxyConfig config = ProxyConfig.parse("application.yaml", ProxyConfig.bundled(), Map.of(
                "PROXY_UPSTREAM", "http://frontend:3000", "PROXY_HTTPS_PORT", "443", "PROXY_UPSTREAM_TIMEOUT_SECONDS", "7"));
        assertEquals("http://frontend:3000", config.services().get("frontend").servers().getFirst().toString());
        assertEquals(443, config.entrypoints().get("websecure").port());
        assertEquals(Duration.ofSeconds(7), config.services().get("frontend").timeout());
    }

    @Test
    void badConfigurationIsRefusedNamingTheLine() {
        assertEquals("proxy.yaml line 8 (proxy.routers.site.service): router 'site' names unknown service 'sit'",
                refused(VALID.replace("service: site\n    api", "service: sit\n    api")));
        assertEquals("proxy.yaml line 7 (proxy.routers.site.rule): router 'site': rule column 15: expected ')' but the rule ended",
                refused(VALID.replace("PathPrefix(`/`)", "PathPrefix(`/`")));
        assertEquals("proxy.yaml line 4 (proxy.entrypoints.web.prot): unknown key 'prot' (expected one of [body-timeout, engine, "
                        + "header-timeout, http2, idle-timeout, internal, max-connections, max-connections-per-address, "
                        + "max-header-bytes, max-request-line, port, shutdown-grace, tls])",
                refused(VALID.replace("port: 8080", "prot: 8080")));
        assertEquals("proxy.yaml line 15 (proxy.services.site.servers.1): server URL 'ftp://x' must look like http://host:port",
                refused(VALID.replace("http://localhost:3001", "ftp://x")));
        assertEquals("proxy.yaml line 16 (proxy.services.site.timeout): 'soon' is not a duration (like 500ms, 30s, 2m)",
                refused(VALID.replace("1500ms", "soon")));
        assertEquals("environment variable PROXY_ENTRYPOINTS_WEB_PORT (proxy.entrypoints.web.port): 'eighty' is not a whole number",
                assertThrows(ConfigException.class, () -> ProxyConfig.parse("proxy.yaml", VALID,
                        Map.of("PROXY_ENTRYPOINTS_WEB_PORT", "eighty"))).getMessage());
        assertEquals("proxy.yaml line 3: mapping values are not allowed here", refused("proxy:\n  entrypoints:\n    web: port: 1\n"));
        assertEquals("proxy.yaml line 8 (proxy.routers.site.middlewares.0): router 'site' names unknown middleware 'gzip'",
                refused(VALID.replace("rule: PathPrefix(`/`)\n", "rule: PathPrefix(`/`)\n      middlewares: [gzip]\n")));
    }

    @Test
    void badMiddlewaresAreRefusedNamingTheLine() {
        String base = VALID + "  middlewares:\n    m:\n";
        assertEquals("proxy.yaml line 20 (proxy.middlewares.m.ip-allow-list.source-range.0): '10.0.0.0/33' has a bad prefix length",
                refused(base + "      ip-allow-list:\n        source-range: [10.0.0.0/33]\n"));
        assertEquals("proxy.yaml line 20 (proxy.middlewares.m.basic-auth.users.0): basic-auth users are name:hash with a bcrypt ($2y$…) or {SHA} hash (htpasswd -B or -s)",
                refused(base + "      basic-auth:\n        users: [\"editor:plaintext\"]\n"));
        assertEquals("proxy.yaml line 20 (proxy.middlewares.m.rate-limit): rate-limit needs average > 0 (requests per second) and burst >= 1",
                refused(base + "      rate-limit:\n        average: 0\n"));
        assertEquals("proxy.yaml line 19 (proxy.middlewares.m.gzip): unknown key 'gzip' (expected one of [add-prefix, basic-auth, "
                        + "headers, ip-allow-list, max-body, rate-limit, redirect-scheme, request-timeout, strip-prefix])",
                refused(base + "      gzip: {}\n"));
    }

    @Test
    void tlsFilesMustExist() {
        String yaml = VALID + "  tls:\n    certificate: /nonexistent/tls.crt\n    key: /nonexistent/tls.key\n";
        assertEquals("proxy.yaml line 18 (proxy.tls.certificate): TLS file /nonexistent/tls.crt does not exist or cannot be read", refused(yaml));
    }
}
