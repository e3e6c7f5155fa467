package org.openvault.proxy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled application.yaml, with only environment overrides: the routing of this stack at the edge. */
class DefaultConfigurationTest {

    @TempDir
    static Path directory;

    private static Upstream frontend;
    private static Upstream backend;
    private static RunningProxy proxy;
    private static TrustingClient client;

    @BeforeAll
    static void start() {
        frontend = new Upstream("frontend");
        backend = new Upstream("backend");
        CertificateFiles certificate = SelfSignedCertificate.generate(directory);
        Map<String, String> env = new HashMap<>();
        env.put("PROXY_HOST", "127.0.0.1");
        env.put("PROXY_HTTP_PORT", "0");
        env.put("PROXY_HTTPS_PORT", "0");
        env.put("PROXY_HTTPS_PUBLIC_PORT", "443");
        env.put("PROXY_ENTRYPOINTS_INTERNAL_PORT", "0");
        env.put("PROXY_UPSTREAM", frontend.url());
        env.put("PROXY_SERVICES_BACKEND_SERVERS", backend.url());
        env.put("PROXY_TLS_CERTIFICATE", certificate.certificate().toString());
        env.put("PROXY_TLS_KEY", certificate.key().toString());
        env.put("PROXY_ACCESS_LOG_ENABLED", "false");
        proxy = Main.start(ProxyConfig.parse("application.yaml", ProxyConfig.bundled(), env));
        client = new TrustingClient(certificate);
    }

    @AfterAll
    static void stop() {
        proxy.stop();
        frontend.close();
        backend.close();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port("websecure") + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build());
    }

    @Test
    void cmsPathsGoToTheBackendAndEverythingElseToTheFrontend() {
        for (String path : List.of("/admin", "/admin/pages/3/", "/accounts/profile", "/login", "/logout", "/authorize?x=1",
                "/api/v2/pages/?slug=a", "/api/admin/users", "/media/images/a.jpg")) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("backend", response.headers().firstValue("x-upstream").orElseThrow(), path);
            assertTrue(response.body().contains("path=" + path + "\n"), response.body());
        }
        for (String path : List.of("/", "/exhibits/eyes-on-the-prize", "/apis", "/mediafiles", "/collections/x?page=2")) {
            HttpResponse<String> response = get(path);
            assertEquals("frontend", response.headers().firstValue("x-upstream").orElseThrow(), path);
        }
    }

    @Test
    void plainHttpRedirectsPermanentlyToHttpsKeepingPathAndQuery() {
        HttpResponse<String> get = TestProxy.plain(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + proxy.port("web") + "/exhibits/x?a=1&b=%20two")).build());
        assertEquals(301, get.statusCode());
        assertEquals("https://localhost/exhibits/x?a=1&b=%20two", get.headers().firstValue("location").orElseThrow());
        HttpResponse<String> post = TestProxy.plain(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + proxy.port("web") + "/form?q=1")).POST(HttpRequest.BodyPublishers.ofString("a=1")).build());
        assertEquals(308, post.statusCode());
        assertEquals("https://127.0.0.1/form?q=1", post.headers().firstValue("location").orElseThrow());
    }

    @Test
    void securityHeadersOnTheSiteAndItsEncodingLeftToTheFrontend() {
        HttpResponse<String> response = get("/text", "Accept-Encoding", "gzip");
        assertEquals("max-age=31536000; includeSubDomains", response.headers().firstValue("strict-transport-security").orElseThrow());
        assertEquals("DENY", response.headers().firstValue("x-frame-options").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElseThrow());
        // This upstream sends plain text; the frontend compresses its own answers (EndToEndTest).
        assertFalse(response.headers().firstValue("content-encoding").isPresent());
        assertTrue(response.body().startsWith("<p>Open Vault</p>"));
    }

    @Test
    void pingAndMetricsOnTheInternalPortOnly() {
        HttpResponse<String> ping = TestProxy.plain(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + proxy.port("internal") + "/ping")).build());
        assertEquals(200, ping.statusCode());
        assertEquals("OK", ping.body());
        assertEquals("frontend", get("/ping").headers().firstValue("x-upstream").orElseThrow());

        get("/api/v2/pages/");
        // A request is counted once its response has been written, which may be just after the client has it.
        String counted = "proxy_requests_total{entrypoint=\"websecure\",router=\"backend\",service=\"backend\",code=\"200\"}";
        HttpResponse<String> metrics = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            metrics = TestProxy.plain(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + proxy.port("internal") + "/metrics")).build());
            if (metrics.body().contains(counted)) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("proxy_requests_total{entrypoint=\"websecure\",router=\"backend\",service=\"backend\",code=\"200\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("proxy_request_duration_seconds_bucket{router=\"backend\",service=\"backend\",le=\"+Inf\"}"));
        assertTrue(metrics.body().contains("proxy_upstream_up{service=\"backend\",url=\"" + backend.url() + "\"} 1"), metrics.body());
    }
}
