package org.openvault.proxy.eventloop;

import java.util.List;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.forwarding.ForwardedHeaders;
import org.openvault.proxy.forwarding.HeadBytes;
import org.openvault.proxy.forwarding.ResponseHead;

/**
 * The head sent upstream for a client's request, as the Helidon engine's forwarding writes it: the client's
 * end-to-end headers (forwarding ones believed only from trusted proxies), X-Forwarded-*, X-Real-IP and Forwarded
 * set, Host kept (or the server's when the service does not pass it), hop-by-hop headers dropped.
 */
final class UpstreamRequestHead {

    private UpstreamRequestHead() {
    }

    static void write(HeadBytes head, ParsedRequest request, Peer peer, boolean secure, String serverAuthority,
                      boolean passHost) {
        head.reset().append(request.method).append(" ").append(request.rawTarget).append(" HTTP/1.1\r\n");
        List<String> connectionOptions = ForwardedHeaders.connectionOptions(request.header("connection"));
        boolean hasProto = false;
        boolean hasForwardedHost = false;
        boolean hasForwardedPort = false;
        boolean hasRealIp = false;
        for (int i = 0; i < request.names.size(); i++) {
            String name = request.lowerNames.get(i);
            if (ResponseHead.isHopByHop(name, connectionOptions) || name.equals("expect") || name.equals("host")
                    || name.equals("content-length")
                    || name.equals("x-forwarded-for") || name.equals("forwarded")
                    || (!peer.trusted() && ForwardedHeaders.FORWARDING.contains(name))) {
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
            head.header("X-Forwarded-Port", ForwardedHeaders.port(authority, secure));
        }
        if (!hasRealIp) {
            head.header("X-Real-IP", peer.client());
        }
        String element = ForwardedHeaders.forwardedElement(peer.address(), secure, authority);
        String priorForwarded = peer.trusted() ? String.join(", ", request.header("forwarded")) : "";
        head.header("Forwarded", priorForwarded.isBlank() ? element : priorForwarded + ", " + element);
        head.header("Host", passHost && authority != null ? authority : serverAuthority);
        if (request.chunked) {
            // The body goes on with its chunked framing as it came.
            head.header("Transfer-Encoding", "chunked");
        } else if (request.contentLength >= 0) {
            // Once, however many equal Content-Length lines the client sent.
            head.header("Content-Length", Long.toString(request.contentLength));
        }
        head.end();
    }

    /** The TCP peer, whether it is a trusted proxy, and the client it stands for. */
    record Peer(String address, boolean trusted, String client) {

        static Peer of(String address, ParsedRequest request, List<AddressRange> trustedProxies) {
            boolean trusted = ForwardedHeaders.trusted(address, trustedProxies);
            return new Peer(address, trusted,
                    trusted ? ForwardedHeaders.forwardedClient(address, request.header("x-forwarded-for"), trustedProxies) : address);
        }
    }
}
