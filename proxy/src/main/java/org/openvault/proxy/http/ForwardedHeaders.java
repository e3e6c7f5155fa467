package org.openvault.proxy.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openvault.proxy.config.AddressRange;

/**
 * What forwarding a request needs, over HTTP/1 and HTTP/2 alike: who the client is behind trusted proxies, which
 * headers are hop-by-hop, and the values of X-Forwarded-Port and Forwarded.
 */
public final class ForwardedHeaders {

    /** Headers about the forwarding itself: believed only from trusted proxies, else replaced by the proxy's own. */
    public static final Set<String> FORWARDING = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "forwarded");

    private ForwardedHeaders() {
    }

    public static boolean trusted(String address, List<AddressRange> trustedProxies) {
        for (AddressRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client a trusted proxy forwarded for: the right-most address of X-Forwarded-For that is not itself a
     * trusted proxy (Traefik's depth-free strategy); the peer when there is none.
     */
    public static String forwardedClient(String peer, List<String> xForwardedFor, List<AddressRange> trustedProxies) {
        List<String> hops = new ArrayList<>();
        for (String value : xForwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i), trustedProxies)) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    /** The host part of a Host header ("[::1]" for an IPv6 literal), "" when there is none. */
    public static String hostWithoutPort(String authority) {
        String host = authority == null ? "" : authority.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : "";
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    /** Header names listed in Connection are hop-by-hop too (RFC 9110, 7.6.1); null when it lists none. */
    public static List<String> connectionOptions(List<String> connectionValues) {
        List<String> options = null;
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                if (options == null) {
                    options = new ArrayList<>(2);
                }
                options.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return options;
    }

    /** X-Forwarded-Port: the port of the Host header, else the scheme's. */
    public static String port(String authority, boolean secure) {
        if (authority != null) {
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (colon > close && colon < authority.length() - 1) {
                return authority.substring(colon + 1);
            }
        }
        return secure ? "443" : "80";
    }

    /** This hop's element of the Forwarded header (RFC 7239). */
    public static String forwardedElement(String peer, boolean secure, String authority) {
        String node = peer.contains(":") ? "\"[" + peer + "]\"" : peer;
        return "for=" + node + ";proto=" + (secure ? "https" : "http")
                + (authority == null ? "" : ";host=\"" + authority.replace("\"", "") + "\"");
    }
}
