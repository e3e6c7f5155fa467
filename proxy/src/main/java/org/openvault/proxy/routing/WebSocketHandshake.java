package org.openvault.proxy.routing;

import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1RoutedUpgrade;
import io.helidon.webserver.http1.spi.Http1UpgradeResponse;
import io.helidon.webserver.http1.spi.Http1UpgradeResult;

/**
 * One client's WebSocket handshake on its way through a router. The service {@link #accept accepts} it once the
 * upstream answered 101; Helidon then sends that 101 to the client and hands the connection to the tunnel.
 */
public final class WebSocketHandshake implements Http1RoutedUpgrade {

    private final ConnectionContext connection;
    private Headers switchingHeaders;
    private WebSocketTunnel.Upstream upstream;

    WebSocketHandshake(ConnectionContext connection) {
        this.connection = connection;
    }

    /** The upstream switched protocols: relay its 101 headers and then bytes both ways. */
    public void accept(Headers switchingHeaders, WebSocketTunnel.Upstream upstream) {
        this.switchingHeaders = switchingHeaders;
        this.upstream = upstream;
    }

    public boolean accepted() {
        return upstream != null;
    }

    @Override
    public Http1UpgradeResult upgrade(Http1UpgradeResponse response, Headers requestHeaders) {
        if (upstream == null) {
            return Http1UpgradeResult.notApplicable();
        }
        try {
            response.sendSwitchingProtocols(switchingHeaders);
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
        return Http1UpgradeResult.upgraded(new WebSocketTunnel(connection, upstream));
    }

    /** Closes the upstream connection of a handshake that was accepted but then not carried out. */
    public void abandon() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
