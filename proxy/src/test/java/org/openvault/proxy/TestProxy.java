package org.openvault.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.tls.CertificateFiles;
import org.openvault.proxy.tls.SelfSignedCertificate;

/** Starts a proxy from a YAML text in which {@code CERT} and {@code KEY} stand for a fresh localhost certificate. */
final class TestProxy implements AutoCloseable {

    static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final RunningProxy proxy;
    final CertificateFiles certificate;
    final TrustingClient https;

    TestProxy(Path directory, String yaml) {
        this(directory, yaml, Map.of());
    }

    TestProxy(Path directory, String yaml, Map<String, String> env) {
        certificate = SelfSignedCertificate.generate(directory);
        proxy = Main.start(ProxyConfig.parse("test.yaml", yaml
                .replace("CERT", certificate.certificate().toString())
                .replace("KEY", certificate.key().toString()), env));
        https = new TrustingClient(certificate);
    }

    /**
     * A configuration on 127.0.0.1 with no access log and the fresh certificate, {@code rest} (entrypoints, routers,
     * services, at the left margin) going under {@code proxy:}.
     */
    static String localConfig(String rest) {
        return "proxy:\n  host: 127.0.0.1\n  access-log: {enabled: false}\n  tls: {certificate: CERT, key: KEY}\n"
                + rest.indent(2);
    }

    String https(String entrypoint, String path) {
        return "https://localhost:" + proxy.port(entrypoint) + path;
    }

    String http(String entrypoint, String path) {
        return "http://127.0.0.1:" + proxy.port(entrypoint) + path;
    }

    HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return url.startsWith("https") ? https.send(request.build()) : plain(request.build());
    }

    static HttpResponse<String> plain(HttpRequest request) {
        try {
            return PLAIN.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        proxy.stop();
    }
}
