package org.openvault.proxy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificates by SNI, reloaded from changed PEM files, and only modern TLS — checked with real TLS clients. */
class TlsTest {

    @TempDir
    static Path directory;

    private static Upstream echo;
    private static TestProxy proxy;
    private static CertificateFiles a;
    private static CertificateFiles wildcard;

    @BeforeAll
    static void start() {
        echo = new Upstream("echo");
        a = SelfSignedCertificate.generate(directory.resolve("a"), "a.test");
        wildcard = SelfSignedCertificate.generate(directory.resolve("wild"), "*.wild.test");
        proxy = new TestProxy(directory.resolve("default"), """
                proxy:
                  host: 127.0.0.1
                  access-log: {enabled: false}
                  tls:
                    certificate: CERT
                    key: KEY
                    certificates:
                      - {certificate: A_CERT, key: A_KEY}
                      - {certificate: W_CERT, key: W_KEY}
                    reload-interval: 1h
                  entrypoints:
                    websecure: {port: 0, tls: true}
                  routers:
                    all: {rule: "PathPrefix(`/`)", service: echo}
                  services:
                    echo: {servers: [ECHO]}
                """.replace("A_CERT", a.certificate().toString()).replace("A_KEY", a.key().toString())
                .replace("W_CERT", wildcard.certificate().toString()).replace("W_KEY", wildcard.key().toString())
                .replace("ECHO", echo.url()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        echo.close();
    }

    private static SSLSocket connect(String serverName, String protocol, String cipher) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", proxy.proxy.port("websecure"));
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (protocol != null) {
            parameters.setProtocols(new String[] {protocol});
        }
        if (cipher != null) {
            parameters.setCipherSuites(new String[] {cipher});
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static X509Certificate served(String serverName) throws Exception {
        try (SSLSocket socket = connect(serverName, null, null)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static String commonName(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]+).*", "$1");
    }

    @Test
    void certificateIsChosenBySniWithADefault() throws Exception {
        assertEquals("a.test", commonName(served("a.test")));
        assertEquals("*.wild.test", commonName(served("photos.wild.test")));
        assertEquals("localhost", commonName(served("deeper.photos.wild.test")));
        assertEquals("localhost", commonName(served("unknown.test")));
        assertEquals("localhost", commonName(served(null)));
    }

    @Test
    void changedPemFilesAreTakenWithoutRestartAndBrokenOnesIgnored() throws Exception {
        BigInteger before = served("a.test").getSerialNumber();
        assertFalse(proxy.proxy.reloadCertificates(), "nothing changed yet");

        CertificateFiles renewed = SelfSignedCertificate.generate(directory.resolve("renewed"), "a.test");
        Files.copy(renewed.certificate(), a.certificate(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.key(), a.key(), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(proxy.proxy.reloadCertificates());
        BigInteger after = served("a.test").getSerialNumber();
        assertNotEquals(before, after);

        Files.writeString(a.key(), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        assertFalse(proxy.proxy.reloadCertificates());
        assertEquals(after, served("a.test").getSerialNumber());
        Files.copy(renewed.key(), a.key(), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void onlyModernProtocolsAndCiphers() throws Exception {
        try (SSLSocket socket = connect("a.test", null, null)) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
        try (SSLSocket socket = connect("a.test", "TLSv1.2", null)) {
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertTrue(socket.getSession().getCipherSuite().matches("TLS_ECDHE_ECDSA_WITH_(AES_\\d+_GCM|CHACHA20).*"),
                    socket.getSession().getCipherSuite());
        }
        assertThrows(SSLHandshakeException.class, () -> connect("a.test", "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256").close());
    }

    @Test
    void http2IsNegotiatedByAlpn() throws Exception {
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2)
                .sslContext(trustingContext("a.test"))
                .build();
        java.net.http.HttpResponse<String> response = http2.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(proxy.https("websecure", "/over-h2?x=1"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, response.version());
        assertTrue(response.body().contains("path=/over-h2?x=1\n"), response.body());
        assertTrue(response.body().contains("header:host=[localhost:" + proxy.proxy.port("websecure") + "]"), response.body());
        assertFalse(response.body().contains("header::"), response.body());
    }

    private static SSLContext trustingContext(String unused) throws Exception {
        return new TrustingClient(proxy.certificate).sslContext();
    }

    @Test
    void opensslAndCurlSeeTheRightCertificate() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "openssl and curl are not installed");
        int port = proxy.proxy.port("websecure");
        String openssl = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "photos.wild.test",
                "-tls1_2");
        assertTrue(openssl.contains("CN = *.wild.test"), openssl);
        assertTrue(openssl.contains("Protocol  : TLSv1.2") || openssl.contains("Protocol: TLSv1.2"), openssl);
        // OpenSSL asks for AES-256 first; the proxy's order (AES-128-GCM, cheaper per record) wins.
        String tls13 = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "a.test");
        assertTrue(tls13.contains("TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"), tls13);
        String refused = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1");
        assertTrue(refused.contains("Cipher is (NONE)") && refused.contains("no peer certificate available"), refused);
        String h2 = run("curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_version}", "https://localhost:" + port + "/");
        assertEquals("2", h2.trim());
        String curl = run("curl", "-sk", "--resolve", "a.test:" + port + ":127.0.0.1", "https://a.test:" + port + "/from-curl");
        assertTrue(curl.contains("path=/from-curl"), curl);
        assertTrue(curl.contains("header:host=[a.test:" + port + "]"), curl);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
