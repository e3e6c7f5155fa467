package org.openvault.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redirects and forwarding, against a small upstream that echoes what it received. */
class ProxyTest {

    @TempDir
    static Path tlsDirectory;

    private static WebServer upstream;
    private static WebServer proxy;
    private static TrustingClient client;
    private static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().port(0).host("127.0.0.1")
                .routing(r -> r.any((req, res) -> {
                    String headers = req.headers().stream()
                            .map(h -> h.name().toLowerCase() + "=" + h.get())
                            .collect(Collectors.joining("\n"));
                    String body = req.content().hasEntity() ? req.content().as(String.class) : "";
                    res.header(HeaderNames.create("X-Upstream-Path"), req.path().rawPath() + "?" + req.query().rawValue())
                            .send(req.prologue().method().text() + "\n" + headers + "\nbody=" + body);
                }))
                .build().start();
        CertificateFiles certificate = SelfSignedCertificate.generate(tlsDirectory);
        proxy = Main.start(Config.builder().disableEnvironmentVariablesSource().sources(ConfigSources.create(Map.of(
                "proxy.https.port", "0",
                "proxy.https.public-port", "8443",
                "proxy.http.port", "0",
                "proxy.upstream", "http://127.0.0.1:" + upstream.port(),
                "proxy.tls.certificate", certificate.certificate().toString(),
                "proxy.tls.key", certificate.key().toString()))).build());
        client = new TrustingClient(certificate);
    }

    @AfterAll
    static void stop() {
        proxy.stop();
        upstream.stop();
    }

    @Test
    void plainHttpGetIsRedirectedPermanentlyToHttps() throws Exception {
        HttpResponse<Void> response = PLAIN.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + proxy.port("http") + "/exhibits/x?a=1&b=%20two")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(301, response.statusCode());
        assertEquals("https://localhost:8443/exhibits/x?a=1&b=%20two", response.headers().firstValue("location").orElseThrow());
    }

    @Test
    void plainHttpPostIsRedirectedWith308() throws Exception {
        HttpResponse<Void> response = PLAIN.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.port("http") + "/form"))
                .POST(HttpRequest.BodyPublishers.ofString("a=1")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(308, response.statusCode());
        assertEquals("https://127.0.0.1:8443/form", response.headers().firstValue("location").orElseThrow());
    }

    @Test
    void forwardsWithForwardedHeadersPathAndQuery() {
        HttpResponse<String> response = client.get("https://localhost:" + proxy.port() + "/some/path?q=a%20b&x=1");
        assertEquals(200, response.statusCode());
        assertEquals("/some/path?q=a%20b&x=1", response.headers().firstValue("x-upstream-path").orElseThrow());
        String echoed = response.body();
        assertTrue(echoed.contains("x-forwarded-for=127.0.0.1"), echoed);
        assertTrue(echoed.contains("x-forwarded-proto=https"), echoed);
        assertTrue(echoed.contains("x-forwarded-host=localhost:" + proxy.port()), echoed);
    }

    @Test
    void streamsRequestBodiesToTheUpstream() {
        String body = "x".repeat(1_000_000);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + proxy.port() + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("POST\n"));
        assertTrue(response.body().endsWith("body=" + body));
    }

    @Test
    void upstreamDownIsA502() {
        CertificateFiles certificate = SelfSignedCertificate.generate(tlsDirectory.resolve("dead-upstream"));
        WebServer deadUpstreamProxy = Main.start(Config.builder().disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of("proxy.https.port", "0", "proxy.http.port", "0",
                        "proxy.upstream", "http://127.0.0.1:9",
                        "proxy.tls.certificate", certificate.certificate().toString(),
                        "proxy.tls.key", certificate.key().toString()))).build());
        try {
            HttpResponse<String> response = new TrustingClient(certificate)
                    .get("https://localhost:" + deadUpstreamProxy.port() + "/");
            assertEquals(502, response.statusCode());
        } finally {
            deadUpstreamProxy.stop();
        }
    }
}
