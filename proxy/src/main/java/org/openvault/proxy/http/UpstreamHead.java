package org.openvault.proxy.http;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.openvault.proxy.middleware.Middleware;

/**
 * The header lines sent upstream for a client's request (HTTP/1 or HTTP/2): the client's end-to-end headers
 * (forwarding ones believed only from trusted proxies), then X-Forwarded-For/-Proto/-Host/-Port, X-Real-IP and
 * Forwarded, Host, and the middlewares' changes. Left to the caller: the request line, the body's framing
 * (Content-Length or chunked, written from what the client connection decoded, never copied) and the blank line.
 */
public final class UpstreamHead {

    /** The client's request headers as its connection parsed them. */
    public interface Incoming {

        /** Calls {@code line} once for every header value, in arrival order. */
        void forEachHeader(HeaderLine line);

        /** All values of header {@code name} (case-insensitive). */
        List<String> header(String name);
    }

    /** One header value of the client's request. */
    public interface HeaderLine {
        void accept(String name, String lowerName, String value);
    }

    /** This hop: the TCP peer, whether it is a trusted proxy, the client it stands for, TLS, the Host it was sent to. */
    public record Hop(String peer, boolean trusted, String client, boolean secure, String authority) {
    }

    private UpstreamHead() {
    }

    /**
     * Appends every header line but the framing: the client's and the forwarding ones ({@link #headers}), Host (the
     * client's when {@code passHost}, else the server's; a middleware may replace it, not remove it), a WebSocket
     * handshake's {@code Connection: Upgrade} and {@code Upgrade} (the one case where they go on), and the
     * middlewares' changes (an empty value removes a header; the framing stays the body's own whatever they say).
     */
    public static void write(HeadBytes head, Incoming request, Hop hop, List<Middleware.HeaderChange> changes,
                             boolean passHost, String serverAuthority, boolean upgrade) {
        Set<String> changed = changes.isEmpty() ? Set.of() : new HashSet<>();
        String hostChange = null;
        for (Middleware.HeaderChange change : changes) {
            String lower = change.name().toLowerCase(Locale.ROOT);
            changed.add(lower);
            hostChange = lower.equals("host") ? change.value() : hostChange;
        }
        headers(head, request, hop, changed::contains);
        if (hostChange == null || hostChange.isEmpty()) {
            boolean clientHost = passHost && hostChange == null && hop.authority() != null && !hop.authority().isEmpty();
            head.header("Host", clientHost ? hop.authority() : serverAuthority);
        }
        if (upgrade) {
            head.header("Connection", "Upgrade");
            for (String value : request.header("upgrade")) {
                head.header("Upgrade", value);
            }
        }
        for (Middleware.HeaderChange change : changes) {
            String lower = change.name().toLowerCase(Locale.ROOT);
            if (!change.value().isEmpty() && !lower.equals("content-length") && !lower.equals("transfer-encoding")) {
                head.header(change.name(), change.value());
            }
        }
    }

    /**
     * Appends the client's and the forwarding header lines to {@code head}; a header that {@code changed} names
     * (lower case) is left out (a middleware writes its own value).
     */
    private static void headers(HeadBytes head, Incoming request, Hop hop, Predicate<String> changed) {
        List<String> connectionOptions = ForwardedHeaders.connectionOptions(request.header("connection"));
        boolean[] present = new boolean[4];
        request.forEachHeader((name, lower, value) -> {
            if (ResponseHead.isHopByHop(lower, connectionOptions) || lower.equals("expect") || lower.startsWith(":")
                    || lower.equals("host") || lower.equals("content-length") || lower.equals("x-forwarded-for")
                    || lower.equals("forwarded") || (!hop.trusted() && ForwardedHeaders.FORWARDING.contains(lower))
                    || changed.test(lower)) {
                return;
            }
            present[0] |= lower.equals("x-forwarded-proto");
            present[1] |= lower.equals("x-forwarded-host");
            present[2] |= lower.equals("x-forwarded-port");
            present[3] |= lower.equals("x-real-ip");
            head.header(name, value);
        });
        String authority = hop.authority() == null || hop.authority().isEmpty() ? null : hop.authority();
        String priorFor = hop.trusted() ? String.join(", ", request.header("x-forwarded-for")) : "";
        own(head, changed, "X-Forwarded-For", "x-forwarded-for",
                priorFor.isBlank() ? hop.peer() : priorFor + ", " + hop.peer());
        if (!present[0]) {
            own(head, changed, "X-Forwarded-Proto", "x-forwarded-proto", hop.secure() ? "https" : "http");
        }
        if (!present[1] && authority != null) {
            own(head, changed, "X-Forwarded-Host", "x-forwarded-host", authority);
        }
        if (!present[2]) {
            own(head, changed, "X-Forwarded-Port", "x-forwarded-port",
                    ForwardedHeaders.port(authority, hop.secure()));
        }
        if (!present[3]) {
            own(head, changed, "X-Real-IP", "x-real-ip", hop.client());
        }
        String element = ForwardedHeaders.forwardedElement(hop.peer(), hop.secure(), authority);
        String priorForwarded = hop.trusted() ? String.join(", ", request.header("forwarded")) : "";
        own(head, changed, "Forwarded", "forwarded",
                priorForwarded.isBlank() ? element : priorForwarded + ", " + element);
    }

    /** A forwarding header of this hop's own, unless a middleware writes it ({@code lower}: its name in lower case). */
    private static void own(HeadBytes head, Predicate<String> changed, String name, String lower, String value) {
        if (!changed.test(lower)) {
            head.header(name, value);
        }
    }
}
