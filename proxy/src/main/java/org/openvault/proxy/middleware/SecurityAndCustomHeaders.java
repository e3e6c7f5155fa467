package org.openvault.proxy.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/** HSTS (on TLS requests only), security headers, and custom request/response headers (an empty value removes one). */
final class SecurityAndCustomHeaders implements PortableMiddleware {

    private final List<HeaderChange> upstream;
    private final List<HeaderChange> secureResponse;
    private final List<HeaderChange> plainResponse;

    SecurityAndCustomHeaders(long stsSeconds, boolean includeSubdomains, boolean preload, boolean frameDeny, boolean noSniff,
                             String referrerPolicy, String contentSecurityPolicy, String permissionsPolicy,
                             Map<String, String> requestHeaders, Map<String, String> responseHeaders) {
        List<HeaderChange> response = new ArrayList<>();
        if (frameDeny) {
            response.add(new HeaderChange("X-Frame-Options", "DENY"));
        }
        if (noSniff) {
            response.add(new HeaderChange("X-Content-Type-Options", "nosniff"));
        }
        if (!referrerPolicy.isEmpty()) {
            response.add(new HeaderChange("Referrer-Policy", referrerPolicy));
        }
        if (!contentSecurityPolicy.isEmpty()) {
            response.add(new HeaderChange("Content-Security-Policy", contentSecurityPolicy));
        }
        if (!permissionsPolicy.isEmpty()) {
            response.add(new HeaderChange("Permissions-Policy", permissionsPolicy));
        }
        responseHeaders.forEach((name, value) -> response.add(new HeaderChange(name, value)));
        this.plainResponse = List.copyOf(response);
        if (stsSeconds > 0) {
            // HSTS only over TLS: a browser ignores it on plain HTTP, and it must not be set for a plain-only site.
            response.addFirst(new HeaderChange("Strict-Transport-Security", "max-age=" + stsSeconds
                    + (includeSubdomains ? "; includeSubDomains" : "") + (preload ? "; preload" : "")));
        }
        this.secureResponse = List.copyOf(response);
        List<HeaderChange> toUpstream = new ArrayList<>();
        requestHeaders.forEach((name, value) -> toUpstream.add(new HeaderChange(name, value)));
        this.upstream = List.copyOf(toUpstream);
    }

    @Override
    public List<HeaderChange> fixedResponseHeaders(boolean secure) {
        return secure ? secureResponse : plainResponse;
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        for (HeaderChange change : upstream) {
            forwarding.upstreamHeader(change);
        }
        for (HeaderChange change : forwarding.secure() ? secureResponse : plainResponse) {
            forwarding.responseHeader(change);
        }
        return null;
    }
}
