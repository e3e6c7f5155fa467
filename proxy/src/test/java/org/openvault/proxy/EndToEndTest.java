package org.openvault.proxy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.db.DatabaseSettings;
import org.openvault.db.Migrate;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole call sequence: client -> proxy (TLS) -> frontend (HTML) -> backend (JSON) -> PostgreSQL, and back. */
class EndToEndTest {

    private static final TestDatabase DB = TestDatabase.get();

    @TempDir
    static Path tlsDirectory;

    private static org.openvault.backend.Main.Backend backend;
    private static WebServer frontend;
    private static RunningProxy proxy;
    private static TrustingClient client;

    @BeforeAll
    static void startTheStack() {
        Migrate.migrate(new DatabaseSettings(DB.url(), DB.user(), DB.password()));
        DB.execute("INSERT INTO page (type, slug, title) VALUES ('exhibits.ExhibitPage', 'end-to-end', 'Stored in PostgreSQL: Eyes on the Prize')");

        backend = org.openvault.backend.Main.start(config(Map.of("server.port", "0",
                "ov.db.url", DB.url(), "ov.db.user", DB.user(), "ov.db.password", DB.password())));
        frontend = org.openvault.frontend.Main.start(config(Map.of("server.port", "0",
                "ov.api.url", "http://127.0.0.1:" + backend.port())));
        CertificateFiles certificate = SelfSignedCertificate.generate(tlsDirectory);
        proxy = Main.start(ProxyConfig.parse("application.yaml", ProxyConfig.bundled(), Map.of(
                "PROXY_ENTRYPOINTS_WEBSECURE_PORT", "0",
                "PROXY_ENTRYPOINTS_WEB_PORT", "0",
                "PROXY_ENTRYPOINTS_INTERNAL_PORT", "0",
                "PROXY_SERVICES_FRONTEND_SERVERS", "http://127.0.0.1:" + frontend.port(),
                "PROXY_SERVICES_BACKEND_SERVERS", "http://127.0.0.1:" + backend.port(),
                "PROXY_TLS_CERTIFICATE", certificate.certificate().toString(),
                "PROXY_TLS_KEY", certificate.key().toString(),
                "PROXY_ACCESS_LOG_ENABLED", "false")));
        client = new TrustingClient(certificate);
    }

    @AfterAll
    static void stopTheStack() {
        proxy.stop();
        frontend.stop();
        backend.close();
    }

    @Test
    void pageStoredInPostgresIsServedOverTls() {
        HttpResponse<String> response = client.get("https://localhost:" + proxy.port("websecure") + "/exhibits/end-to-end");
        assertEquals(200, response.statusCode());
        assertTrue(java.util.regex.Pattern.compile("<h1[^>]*>\\s*<span>Stored in PostgreSQL: Eyes on the Prize</span>")
                .matcher(response.body()).find(), response.body());
        assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void publicApiIsRoutedToTheBackend() {
        HttpResponse<String> response = client.get("https://localhost:" + proxy.port("websecure") + "/api/v2/pages/?slug=end-to-end");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Stored in PostgreSQL: Eyes on the Prize"), response.body());
    }

    @Test
    void unknownSlugIs404ThroughTheProxy() {
        assertEquals(404, client.get("https://127.0.0.1:" + proxy.port("websecure") + "/exhibits/nothing-here").statusCode());
    }

    /**
     * The shipped configuration leaves compression to the frontend, which already sends its pages and assets
     * gzip- or Brotli-encoded: through the proxy they arrive encoded, byte for byte as the frontend sent them.
     */
    @Test
    void pagesArriveCompressedByTheFrontendAsTheFrontendSentThem() throws Exception {
        java.net.http.HttpRequest.Builder viaProxy = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "https://localhost:" + proxy.port("websecure") + "/exhibits/end-to-end")).header("Accept-Encoding", "gzip");
        HttpResponse<java.io.InputStream> proxied = client.sendStreaming(viaProxy.build());
        byte[] proxiedBytes = proxied.body().readAllBytes();
        HttpResponse<byte[]> direct = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + frontend.port() + "/exhibits/end-to-end"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", proxied.headers().firstValue("content-encoding").orElseThrow());
        assertEquals("gzip", direct.headers().firstValue("content-encoding").orElseThrow());
        assertEquals(direct.body().length, proxiedBytes.length);
        assertTrue(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(proxiedBytes)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).contains("Stored in PostgreSQL: Eyes on the Prize"));
    }

    private static Config config(Map<String, String> values) {
        return Config.builder().disableEnvironmentVariablesSource().sources(ConfigSources.create(values)).build();
    }
}
