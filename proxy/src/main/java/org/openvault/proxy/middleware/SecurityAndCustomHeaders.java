package org.openvault.proxy.middleware;

import java.util.Map;

import io.helidon.http.HeaderNames;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** HSTS (on TLS requests only), security headers, and custom request/response headers (an empty value removes one). */
final class SecurityAndCustomHeaders implements Middleware {

    private final String strictTransportSecurity;
    private final boolean frameDeny;
    private final boolean noSniff;
    private final String referrerPolicy;
    private final String contentSecurityPolicy;
    private final String permissionsPolicy;
    private final Map<String, String> requestHeaders;
    private final Map<String, String> responseHeaders;

    SecurityAndCustomHeaders(long stsSeconds, boolean includeSubdomains, boolean preload, boolean frameDeny, boolean noSniff,
                             String referrerPolicy, String contentSecurityPolicy, String permissionsPolicy,
                             Map<String, String> requestHeaders, Map<String, String> responseHeaders) {
        this.strictTransportSecurity = stsSeconds <= 0 ? "" : "max-age=" + stsSeconds
                + (includeSubdomains ? "; includeSubDomains" : "") + (preload ? "; preload" : "");
        this.frameDeny = frameDeny;
        this.noSniff = noSniff;
        this.referrerPolicy = referrerPolicy;
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.permissionsPolicy = permissionsPolicy;
        this.requestHeaders = Map.copyOf(requestHeaders);
        this.responseHeaders = Map.copyOf(responseHeaders);
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        if (!requestHeaders.isEmpty()) {
            requestHeaders.forEach((name, value) -> exchange.upstreamHeader(HeaderNames.create(name), value));
        }
        boolean secure = exchange.request().isSecure();
        exchange.editResponseHeaders(headers -> {
            if (secure && !strictTransportSecurity.isEmpty()) {
                headers.set(HeaderNames.STRICT_TRANSPORT_SECURITY, strictTransportSecurity);
            }
            if (frameDeny) {
                headers.set(HeaderNames.create("X-Frame-Options"), "DENY");
            }
            if (noSniff) {
                headers.set(HeaderNames.create("X-Content-Type-Options"), "nosniff");
            }
            if (!referrerPolicy.isEmpty()) {
                headers.set(HeaderNames.create("Referrer-Policy"), referrerPolicy);
            }
            if (!contentSecurityPolicy.isEmpty()) {
                headers.set(HeaderNames.create("Content-Security-Policy"), contentSecurityPolicy);
            }
            if (!permissionsPolicy.isEmpty()) {
                headers.set(HeaderNames.create("Permissions-Policy"), permissionsPolicy);
            }
            responseHeaders.forEach((name, value) -> {
                if (value.isEmpty()) {
                    headers.remove(HeaderNames.create(name));
                } else {
                    headers.set(HeaderNames.create(name), value);
                }
            });
        });
        next.proceed(exchange);
    }
}
