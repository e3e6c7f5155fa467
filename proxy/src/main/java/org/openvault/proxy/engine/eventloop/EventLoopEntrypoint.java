package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.openvault.proxy.config.AddressRange;
import org.openvault.proxy.config.ProxyConfig;
import org.openvault.proxy.ops.AccessLog;
import org.openvault.proxy.ops.ProxyMetrics;

/**
 * An entrypoint served by event loops instead of Helidon (entrypoint setting {@code engine: event-loop}): one
 * acceptor thread hands connections round-robin to one loop per core, each loop serving its connections from a
 * single selector thread. HTTP/1.1 (and 1.0), and HTTP/2 on TLS entrypoints when the client chooses it by ALPN.
 * Per request it costs a fraction of Helidon's thread-per-connection model (see BENCHMARKS.md, Proxy).
 */
public final class EventLoopEntrypoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventLoopEntrypoint.class.getName());

    private final ProxyConfig.Entrypoint entrypoint;
    private final ServerSocketChannel server;
    private final EventLoop[] loops;
    private final Semaphore slots;
    private final Thread acceptor;
    private volatile boolean stopping;

    private EventLoopEntrypoint(ProxyConfig.Entrypoint entrypoint, ServerSocketChannel server, EventLoop[] loops,
                                Semaphore slots) {
        this.entrypoint = entrypoint;
        this.server = server;
        this.loops = loops;
        this.slots = slots;
        this.acceptor = Thread.ofPlatform().name("accept-" + entrypoint.name()).daemon(true).unstarted(this::accept);
    }

    /**
     * Listens on {@code host} and the entrypoint's port; {@code sslContext} null for plain HTTP. Throws when the
     * port cannot be bound.
     */
    public static EventLoopEntrypoint start(String host, ProxyConfig.Entrypoint entrypoint, List<EventLoopRoute> routes,
                                            List<AddressRange> trustedProxies, ProxyMetrics metrics, AccessLog accessLog,
                                            SSLContext sslContext, SSLParameters sslParameters) throws IOException {
        if (sslParameters != null && entrypoint.http2()) {
            // HTTP/2 when the client offers it by ALPN (browsers do), else HTTP/1.1.
            sslParameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        }
        EntrypointContext context = EntrypointContext.of(entrypoint, routes, trustedProxies, metrics, accessLog, sslContext,
                sslParameters);
        Semaphore slots = context.connectionSlots();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, entrypoint.port()), 1024);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        EventLoop[] loops = new EventLoop[Runtime.getRuntime().availableProcessors()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new EventLoop(context);
            // Not daemons: they keep the process alive until the proxy stops.
            Thread.ofPlatform().name("loop-" + entrypoint.name() + "-" + i).start(loops[i]);
        }
        EventLoopEntrypoint started = new EventLoopEntrypoint(entrypoint, server, loops, slots);
        started.acceptor.start();
        return started;
    }

    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    private void accept() {
        int next = 0;
        while (!stopping) {
            try {
                // Over the connection limit, new connections wait in the backlog until one closes.
                slots.acquire();
                SocketChannel channel;
                try {
                    channel = server.accept();
                } catch (IOException e) {
                    slots.release();
                    throw e;
                }
                loops[next++ % loops.length].adopt(channel);
            } catch (ClosedChannelException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "Accept failed on entrypoint " + entrypoint.name(), e);
                }
            }
        }
    }

    /**
     * Stops listening, closes idle connections, lets requests in flight finish within the entrypoint's grace
     * period, then closes the rest.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
        long deadline = System.nanoTime() + entrypoint.shutdownGrace().toNanos();
        for (EventLoop loop : loops) {
            loop.drain(deadline);
        }
        for (EventLoop loop : loops) {
            try {
                loop.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
