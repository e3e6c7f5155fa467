package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread serving its share of an entrypoint's connections, client and upstream sides alike: each
 * ready socket is handled in turn, nothing ever blocks, and deadlines are checked every {@link #SWEEP_NANOS}.
 */
final class EventLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
    private static final long SWEEP_NANOS = 50_000_000L;

    final Selector selector;
    final UpstreamPool pool = new UpstreamPool(this);
    /** Buffers for what clients send (room for a whole request head and a decrypted TLS record). */
    final BufferPool inBuffers;
    /** Where bytes a closing connection still receives are read and dropped. */
    final ByteBuffer discard = ByteBuffer.allocate(16 * 1024);
    /** Buffers for what goes to clients. */
    final BufferPool outBuffers = new BufferPool(ClientConnection.OUT_BUFFER, 256);
    private final EntrypointContext context;
    private final Queue<SocketChannel> accepted = new ConcurrentLinkedQueue<>();
    private final Set<LoopConnection> connections = new HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long drainDeadline;
    private volatile boolean draining;

    EventLoop(EntrypointContext context) throws IOException {
        this.context = context;
        this.selector = Selector.open();
        this.inBuffers = new BufferPool(ClientConnection.inBufferSize(context.entrypoint()), 256);
    }

    /** Hands a newly accepted connection to this loop (from the acceptor thread). */
    void adopt(SocketChannel channel) {
        accepted.add(channel);
        selector.wakeup();
    }

    /** Stops taking new requests: idle connections close now, busy ones after their answer or at {@code deadline}. */
    void drain(long deadline) {
        drainDeadline = deadline;
        draining = true;
        selector.wakeup();
    }

    boolean draining() {
        return draining;
    }

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    void forget(LoopConnection connection) {
        connections.remove(connection);
        context.released(connection.peerAddress());
    }

    /** A connection goes on as another kind (HTTP/1 to HTTP/2 after ALPN), keeping its slot. */
    void replace(LoopConnection old, LoopConnection next) {
        connections.remove(old);
        connections.add(next);
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        try {
            while (true) {
                long wait = Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000);
                // Each ready key is handled as the selector finds it: no selected-key set to fill and clear.
                selector.select(this::dispatch, wait);
                SocketChannel channel;
                while ((channel = accepted.poll()) != null) {
                    start(channel);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_NANOS;
                }
                if (draining && (connections.isEmpty() || now - drainDeadline >= 0)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Event loop of entrypoint " + context.entrypoint().name() + " failed", e);
        } finally {
            new ArrayList<>(connections).forEach(LoopConnection::close);
            pool.closeAll();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            stopped.countDown();
        }
    }

    /** Serves a new connection, unless its address holds as many as the entrypoint allows one address already. */
    private void start(SocketChannel channel) {
        String address = null;
        try {
            String peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
            if (context.admit(peer)) {
                address = peer;
                connections.add(new ClientConnection(this, context, channel, address));
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot serve a new connection", e);
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // gone
        }
        context.released(address);
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Object attachment = key.attachment();
        int ready = key.readyOps();
        if (attachment instanceof LoopConnection connection) {
            connection.clientReady(ready);
        } else if (attachment instanceof UpstreamLink link) {
            if (link.owner == null) {
                pool.idleEvent(link);
            } else {
                link.owner.upstreamReady(ready);
            }
        }
    }

    private void sweep(long now) {
        for (LoopConnection connection : new ArrayList<>(connections)) {
            connection.checkDeadline(now, draining);
        }
        pool.sweep(now);
    }
}
