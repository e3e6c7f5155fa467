package org.openvault.backend.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Where a request came from, for failed-login counts and the audit log. Behind the site's proxy (the only way the
 * admin API is published) the connection comes from the proxy, which appends the client's address as the last
 * {@code X-Forwarded-For} entry; a connection from elsewhere is taken at its word of the socket.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerRequest req) {
        SocketAddress peer = req.remotePeer().address();
        String socket = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(peer);
        if (!isPrivate(peer)) {
            return socket;
        }
        return req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .map(list -> list.substring(list.lastIndexOf(',') + 1).strip())
                .filter(last -> !last.isEmpty() && last.length() <= 64)
                .orElse(socket);
    }

    // The proxy reaches the backend over loopback (one machine) or a cluster's private network.
    private static boolean isPrivate(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        var address = inet.getAddress();
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
    }
}
