package org.openvault.proxy.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * A switched connection: bytes from the client go to the upstream and back, as they come, until either side
 * closes; then both are closed. The client side is Helidon's (plain or TLS), the upstream a plain socket.
 */
public final class WebSocketTunnel implements ServerConnection {

    private static final Logger LOG = Logger.getLogger(WebSocketTunnel.class.getName());

    /** The upstream end: the streams the handshake was read and written on (they may hold bytes), and its closing. */
    public record Upstream(InputStream in, OutputStream out, Runnable closer) {
        public void close() {
            closer.run();
        }
    }

    private final ConnectionContext client;
    private final Upstream upstream;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean closed;

    WebSocketTunnel(ConnectionContext client, Upstream upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    @Override
    public void handle(Limit limit) {
        Thread back = Thread.ofVirtual().name("websocket-upstream-" + client.childSocketId()).start(this::upstreamToClient);
        try {
            clientToUpstream();
        } finally {
            close(false);
            try {
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void clientToUpstream() {
        DataReader reader = client.dataReader();
        try {
            while (!closed) {
                BufferData data = reader.readBuffer();
                lastActivity = System.nanoTime();
                data.writeTo(upstream.out());
                upstream.out().flush();
            }
        } catch (DataReader.InsufficientDataAvailableException e) {
            // the client closed the connection
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket tunnel from the client ended: " + e.getMessage());
        }
    }

    private void upstreamToClient() {
        DataWriter writer = client.dataWriter();
        byte[] bytes = new byte[16384];
        try {
            int n;
            while ((n = upstream.in().read(bytes)) >= 0) {
                lastActivity = System.nanoTime();
                writer.writeNow(BufferData.create(bytes, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket tunnel from the upstream ended: " + e.getMessage());
        } finally {
            // The upstream is done: so is the client's side (this also ends the reading half).
            close(false);
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - lastActivity);
    }

    @Override
    public void close(boolean interrupt) {
        if (closed) {
            return;
        }
        closed = true;
        upstream.close();
        client.serverSocket().close();
    }
}
