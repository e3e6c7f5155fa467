package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.openvault.proxy.balancing.UpstreamServer;

/** One non-blocking keep-alive connection to an upstream server, owned by one event loop. */
final class UpstreamLink {

    private static final int BUFFER = 32768;

    final UpstreamServer server;
    final SocketChannel channel;
    final SelectionKey key;
    /** Bytes read from the upstream and not yet relayed (write mode). */
    final ByteBuffer in = ByteBuffer.allocate(BUFFER);
    /** The exchange it serves now; null while it waits in the pool. */
    UpstreamExchange owner;
    boolean connecting;
    /** Whether it served an exchange before (a failure then may be a connection the server closed meanwhile). */
    boolean reused;
    long idleSince;

    private UpstreamLink(UpstreamServer server, SocketChannel channel, SelectionKey key, boolean connecting) {
        this.server = server;
        this.channel = channel;
        this.key = key;
        this.connecting = connecting;
    }

    /** Starts connecting (usually finished later, on OP_CONNECT); throws when refused at once. */
    static UpstreamLink open(UpstreamServer server, EventLoop loop, UpstreamExchange owner) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            boolean connected = channel.connect(server.address());
            SelectionKey key = channel.register(loop.selector, connected ? 0 : SelectionKey.OP_CONNECT);
            UpstreamLink link = new UpstreamLink(server, channel, key, !connected);
            link.owner = owner;
            key.attach(link);
            return link;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Completes a pending connect (OP_CONNECT fired); throws when the server refused. */
    void finishConnect() throws IOException {
        channel.finishConnect();
        connecting = false;
    }

    void interest(int ops) {
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    boolean isOpen() {
        return channel.isOpen() && key.isValid();
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
