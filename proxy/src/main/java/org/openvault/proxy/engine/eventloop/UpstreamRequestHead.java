package org.openvault.proxy.engine.eventloop;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.http.ForwardedHeaders;
import org.openvault.proxy.http.HeadBytes;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.middleware.Forwarding;
import org.openvault.proxy.middleware.PortableMiddleware;

/**
 * The head sent upstream for a client's request on an event loop: request line, the headers of
 * {@link UpstreamHead}, Host kept (or the server's when the service does not pass it), the framing the body came with.
 */
final class UpstreamRequestHead {

    private UpstreamRequestHead() {
    }

    static void write(HeadBytes head, ParsedRequest request, Peer peer, boolean secure, String serverAuthority,
                      boolean passHost, Forwarding forwarding) {
        head.reset().append(request.method).append(" ");
        if (forwarding.pathChanged()) {
            head.append(forwarding.upstreamPath()).append(request.query.isEmpty() ? "" : "?").append(request.query);
        } else {
            head.append(request.rawTarget);
        }
        head.append(" HTTP/1.1\r\n");
        List<PortableMiddleware.HeaderChange> changes = forwarding.upstreamHeaders();
        Set<String> changed = new HashSet<>();
        String hostChange = null;
        for (PortableMiddleware.HeaderChange change : changes) {
            String lower = change.name().toLowerCase(Locale.ROOT);
            changed.add(lower);
            hostChange = lower.equals("host") ? change.value() : hostChange;
        }
        UpstreamHead.headers(head, request, new UpstreamHead.Hop(peer.address(), peer.trusted(), peer.client(), secure,
                request.authority), changed::contains);
        if (hostChange == null || hostChange.isEmpty()) {
            // Host is required: a middleware may replace it, not remove it.
            boolean clientHost = passHost && hostChange == null && !request.authority.isEmpty();
            head.header("Host", clientHost ? request.authority : serverAuthority);
        }
        for (PortableMiddleware.HeaderChange change : changes) {
            String lower = change.name().toLowerCase(Locale.ROOT);
            // The framing is the body's own, whatever a middleware says.
            if (!change.value().isEmpty() && !lower.equals("content-length") && !lower.equals("transfer-encoding")) {
                head.header(change.name(), change.value());
            }
        }
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
