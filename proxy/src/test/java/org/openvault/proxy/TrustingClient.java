package org.openvault.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.openvault.proxy.tls.CertificateFiles;

/** An HTTPS client that trusts exactly one certificate (the proxy's), verifying it like a browser would. */
final class TrustingClient {

    private final HttpClient http;
    private final SSLContext context;

    TrustingClient(CertificateFiles certificate) {
        try (InputStream in = Files.newInputStream(certificate.certificate())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("proxy", cert);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext sslContext() {
        return context;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<java.io.InputStream> sendStreaming(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }
}
