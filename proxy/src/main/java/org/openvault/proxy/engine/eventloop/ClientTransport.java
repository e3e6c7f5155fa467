package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The bytes to and from one client, plain or through TLS. Non-blocking: no call waits for the network. */
abstract sealed class ClientTransport permits PlainTransport, TlsTransport {

    final SocketChannel channel;

    ClientTransport(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Moves what the client sent (decrypted) into {@code into}: the number of bytes added, 0 when nothing is there
     * yet, -1 when the client closed its side and nothing more is to come.
     */
    abstract int read(ByteBuffer into) throws IOException;

    /** Sends as much of {@code from} as the socket takes now; what it did not take stays in {@code from}. */
    abstract void send(ByteBuffer from) throws IOException;

    /** Writes what the transport itself still holds (encrypted records): true when nothing is left. */
    abstract boolean flush() throws IOException;

    /** Closes the connection (TLS: a close_notify first, if the socket takes it). */
    abstract void close();

    /** Ends the direction to the client (TLS: after a close_notify), leaving the other open to be drained. */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    /** Whether bytes the transport holds (received, not yet decrypted) may give more without a new socket read. */
    boolean buffered() {
        return false;
    }

    /** Whether the transport holds bytes for the client not yet written. */
    boolean hasPendingOutput() {
        return false;
    }

    /** The protocol the TLS handshake chose by ALPN ({@code h2}, {@code http/1.1}), or null when none was. */
    String applicationProtocol() {
        return null;
    }

    /** Whether a TLS handshake is still running (the request head cannot have started yet). */
    boolean handshaking() {
        return false;
    }
}
