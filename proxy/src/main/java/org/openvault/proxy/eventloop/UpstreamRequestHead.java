package org.openvault.proxy.eventloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.forwarding.ResponseHead;

/**
 * The head sent upstream for a client's request, as the Helidon engine's forwarding writes it: the client's
 * end-to-end headers (forwarding ones believed only from trusted proxies), X-Forwarded-*, X-Real-IP and Forwarded
 * set, Host kept (or the server's when the service does not pass it), hop-by-hop headers dropped.
 */
final class UpstreamRequestHead {

    private static final Set<String> FORWARDING = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "forwarded");

    private UpstreamRequestHead() {
    }

    static void write(HeadWriter head, ParsedRequest request, Peer peer, boolean secure, String serverAuthority,
                      boolean passHost) {
        head.reset().append(request.method).append(" ").append(request.rawTarget).append(" HTTP/1.1\r\n");
        List<String> connectionOptions = connectionOptions(request);
        boolean hasProto = false;
        boolean hasForwardedHost = false;
        boolean hasForwardedPort = false;
        boolean hasRealIp = false;
        for (int i = 0; i < request.names.size(); i++) {
            String name = request.lowerNames.get(i);
            if (ResponseHead.isHopByHop(name, connectionOptions) || name.equals("expect") || name.equals("host")
                    || name.equals("x-forwarded-for") || name.equals("forwarded")
                    || (!peer.trusted() && FORWARDING.contains(name))) {
                continue;
            }
            hasProto |= name.equals("x-forwarded-proto");
            hasForwardedHost |= name.equals("x-forwarded-host");
            hasForwardedPort |= name.equals("x-forwarded-port");
            hasRealIp |= name.equals("x-real-ip");
            head.header(request.names.get(i), request.values.get(i));
        }
        String authority = request.authority.isEmpty() ? null : request.authority;
        String priorFor = peer.trusted() ? String.join(", ", request.header("x-forwarded-for")) : "";
        head.header("X-Forwarded-For", priorFor.isBlank() ? peer.address() : priorFor + ", " + peer.address());
        if (!hasProto) {
            head.header("X-Forwarded-Proto", secure ? "https" : "http");
        }
        if (!hasForwardedHost && authority != null) {
            head.header("X-Forwarded-Host", authority);
        }
        if (!hasForwardedPort) {
            head.header("X-Forwarded-Port", port(authority, secure));
        }
        if (!hasRealIp) {
            head.header("X-Real-IP", peer.client());
        }
        String element = "for=" + node(peer.address()) + ";proto=" + (secure ? "https" : "http")
                + (authority == null ? "" : ";host=\"" + authority.replace("\"", "") + "\"");
        String priorForwarded = peer.trusted() ? String.join(", ", request.header("forwarded")) : "";
        head.header("Forwarded", priorForwarded.isBlank() ? element : priorForwarded + ", " + element);
        head.header("Host", passHost && authority != null ? authority : serverAuthority);
        if (request.chunked) {
            // The body goes on with its chunked framing as it came.
            head.header("Transfer-Encoding", "chunked");
        }
        head.end();
    }

    /** The TCP peer, whether it is a trusted proxy, and the client it stands for. */
    record Peer(String address, boolean trusted, String client) {

        static Peer of(String address, ParsedRequest request, List<AddressRange> trustedProxies) {
            boolean trusted = trusted(address, trustedProxies);
            return new Peer(address, trusted, trusted ? forwardedClient(address, request, trustedProxies) : address);
        }

        /** The right-most address of X-Forwarded-For that is not itself a trusted proxy (Traefik's depth-free strategy). */
        private static String forwardedClient(String peer, ParsedRequest request, List<AddressRange> trustedProxies) {
            List<String> hops = new ArrayList<>();
            for (String value : request.header("x-forwarded-for")) {
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

        private static boolean trusted(String address, List<AddressRange> trustedProxies) {
            for (AddressRange range : trustedProxies) {
                if (range.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Header names listed in Connection are hop-by-hop too (RFC 9110, 7.6.1). */
    private static List<String> connectionOptions(ParsedRequest request) {
        List<String> options = null;
        for (String value : request.header("connection")) {
            for (String token : value.split(",")) {
                if (options == null) {
                    options = new ArrayList<>(2);
                }
                options.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return options;
    }

    private static String port(String authority, boolean secure) {
        if (authority != null) {
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (colon > close && colon < authority.length() - 1) {
                return authority.substring(colon + 1);
            }
        }
        return secure ? "443" : "80";
    }

    private static String node(String address) {
        return address.contains(":") ? "\"[" + address + "]\"" : address;
    }
}
