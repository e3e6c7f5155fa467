package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS through an {@link SSLEngine}: the handshake is driven by the reads (its delegated tasks run inline, as an
 * event loop does), records are wrapped one at a time and written as soon as the socket takes them.
 */
final class TlsTransport extends ClientTransport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Encrypted bytes read and not yet unwrapped (write mode). */
    private final ByteBuffer netIn;
    /** Encrypted bytes wrapped and not yet written (read mode). */
    private final ByteBuffer netOut;
    /** Whether the first handshake finished (a TLS 1.2 handshake after it is a renegotiation the client started). */
    private boolean established;

    TlsTransport(SocketChannel channel, SSLEngine engine) throws SSLException {
        super(channel);
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
        engine.beginHandshake();
    }

    @Override
    boolean buffered() {
        return netIn.position() > 0;
    }

    @Override
    boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    @Override
    boolean handshaking() {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && status != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    @Override
    String applicationProtocol() {
        String protocol = engine.getApplicationProtocol();
        return protocol == null || protocol.isEmpty() ? null : protocol;
    }

    @Override
    int read(ByteBuffer into) throws IOException {
        int before = into.position();
        boolean ended = false;
        while (true) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                continue;
            }
            if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                if (!flush()) {
                    // The socket is full: the handshake goes on when it drains (the connection asks for OP_WRITE).
                    return into.position() - before;
                }
                wrap(EMPTY);
                continue;
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, into);
            } finally {
                netIn.compact();
            }
            refuseRenegotiation(result.getHandshakeStatus());
            switch (result.getStatus()) {
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && engine.getHandshakeStatus() == status) {
                        return into.position() - before;
                    }
                    if (into.position() > before && netIn.position() == 0) {
                        // All read is decrypted: no speculative read (the selector tells when more comes).
                        return into.position() - before;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    if (ended) {
                        return into.position() > before ? into.position() - before : -1;
                    }
                    if (!netIn.hasRemaining()) {
                        throw new SSLException("TLS record larger than the packet buffer");
                    }
                    int read = channel.read(netIn);
                    if (read < 0) {
                        ended = true;
                    } else if (read == 0) {
                        return into.position() - before;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    // The caller's buffer is full: it reads again once it has made room.
                    return into.position() - before;
                }
                case CLOSED -> {
                    return into.position() > before ? into.position() - before : -1;
                }
            }
        }
    }

    @Override
    void send(ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            if (!flush()) {
                return;
            }
            wrap(from);
        }
        flush();
    }

    private void wrap(ByteBuffer from) throws IOException {
        netOut.clear();
        SSLEngineResult result;
        try {
            result = engine.wrap(from, netOut);
        } finally {
            netOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("TLS connection closed");
        }
    }

    /**
     * A client may not start a new TLS 1.2 handshake on an established connection: each one costs the server a key
     * exchange, so unlimited renegotiations are a cheap way to load it (TLS 1.3 has no renegotiation).
     */
    private void refuseRenegotiation(SSLEngineResult.HandshakeStatus status) throws SSLException {
        if (!established) {
            established = status == SSLEngineResult.HandshakeStatus.FINISHED
                    || status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        } else if (status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            throw new SSLException("client-initiated renegotiation refused");
        }
    }

    @Override
    void shutdownOutput() {
        closeNotify();
        super.shutdownOutput();
    }

    private void closeNotify() {
        try {
            engine.closeOutbound();
            if (flush()) {
                wrap(EMPTY);
                flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    @Override
    boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    void close() {
        closeNotify();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
