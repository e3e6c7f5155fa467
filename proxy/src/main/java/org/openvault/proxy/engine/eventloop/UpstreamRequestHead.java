package org.openvault.proxy.engine.eventloop;

import java.util.List;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.http.ForwardedHeaders;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.middleware.Forwarding;

/**
 * The head sent upstream for a client's request on an event loop: request line (with the path the middlewares
 * set), the headers of {@link UpstreamHead}, the framing the body came with.
 */
final class UpstreamRequestHead {

    private UpstreamRequestHead() {
    }

    static void write(HeadBytes head, ParsedRequest request, Peer peer, boolean secure, String serverAuthority,
                      boolean passHost, Forwarding forwarding, boolean upgrade) {
        head.reset().append(request.method).append(" ");
        // The path as routed (its one spelling, or as a middleware changed it), never the target as sent.
        head.append(forwarding.upstreamPath()).append(request.query.isEmpty() ? "" : "?").append(request.query);
        head.append(" HTTP/1.1\r\n");
        UpstreamHead.write(head, request, new UpstreamHead.Hop(peer.address(), peer.trusted(), peer.client(), secure,
                request.authority), forwarding.upstreamHeaders(), passHost, serverAuthority, upgrade);
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
