package org.openvault.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import org.openvault.proxy.forwarding.ForwardToUpstream;
import org.openvault.proxy.redirect.RedirectToHttps;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;

/** The edge proxy: TLS termination on the HTTPS listener, redirects on the HTTP listener, forwarding upstream. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        long started = System.nanoTime();
        WebServer server = start(Config.create());
        System.out.printf("Proxy listening on https://localhost:%d (HTTP on %d redirects to it; started in %d ms)%n",
                server.port(), server.port("http"), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the proxy; ports of 0 pick free ports ({@code server.port()} is HTTPS, {@code server.port("http")} plain). */
    public static WebServer start(Config config) {
        Config proxy = config.get("proxy");
        String host = proxy.get("host").asString().orElse("0.0.0.0");
        int httpsPort = proxy.get("https.port").asInt().orElse(8443);
        int publicHttpsPort = proxy.get("https.public-port").asInt().orElse(httpsPort);
        CertificateFiles certificate = certificate(proxy.get("tls"));
        ForwardToUpstream forward = new ForwardToUpstream(proxy.get("upstream").asString().orElse("http://localhost:3000"),
                Duration.ofSeconds(proxy.get("upstream-timeout-seconds").asInt().orElse(30)));

        WebServer server = WebServer.builder()
                .host(host)
                .port(httpsPort)
                .tls(certificate.serverTls())
                .routing(routing -> routing.any(forward))
                .putSocket("http", socket -> socket.host(host).port(proxy.get("http.port").asInt().orElse(8080)))
                .routing("http", routing -> routing.any(new RedirectToHttps(publicHttpsPort)))
                .build()
                .start();
        return server;
    }

    private static CertificateFiles certificate(Config tls) {
        String certificate = tls.get("certificate").asString().orElse("");
        String key = tls.get("key").asString().orElse("");
        if (!certificate.isBlank() && !key.isBlank()) {
            return new CertificateFiles(Path.of(certificate), Path.of(key));
        }
        if (!certificate.isBlank() || !key.isBlank()) {
            throw new IllegalArgumentException("Set both proxy.tls.certificate and proxy.tls.key, or neither");
        }
        try {
            Path directory = Files.createTempDirectory("openvault-proxy-tls");
            CertificateFiles generated = SelfSignedCertificate.generate(directory);
            System.out.println("No TLS certificate configured: using a self-signed one for localhost at " + generated.certificate());
            return generated;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
