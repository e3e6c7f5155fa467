package org.openvault.proxy.engine.eventloop;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.openvault.proxy.balancing.UpstreamServer;

/**
 * One event loop's idle upstream connections, per server, most recently used first. Idle ones stay watched for
 * reads: an upstream closing one (or sending what nobody asked for) has it dropped at once.
 */
final class UpstreamPool {

    /** Idle connections older than this are dropped (upstreams close theirs after 5 s (Node) to 75 s (nginx)). */
    private static final long MAX_IDLE_NANOS = 30_000_000_000L;
    private static final int MAX_IDLE_PER_SERVER = 512;

    private final EventLoop loop;
    private final Map<UpstreamServer, ArrayDeque<UpstreamLink>> idle = new HashMap<>();

    UpstreamPool(EventLoop loop) {
        this.loop = loop;
    }

    /** A pooled connection to {@code server}, or a new one (connecting). */
    UpstreamLink acquire(UpstreamServer server, UpstreamExchange owner) throws IOException {
        ArrayDeque<UpstreamLink> links = idle.get(server);
        UpstreamLink link;
        while (links != null && (link = links.pollFirst()) != null) {
            if (link.isOpen() && System.nanoTime() - link.idleSince < MAX_IDLE_NANOS) {
                link.owner = owner;
                link.reused = true;
                return link;
            }
            link.close();
        }
        return UpstreamLink.open(server, loop, owner);
    }

    /** Takes back a connection whose exchange completed cleanly. */
    void release(UpstreamLink link) {
        link.owner = null;
        link.idleSince = System.nanoTime();
        ArrayDeque<UpstreamLink> links = idle.computeIfAbsent(link.server, server -> new ArrayDeque<>());
        if (links.size() >= MAX_IDLE_PER_SERVER || link.in.position() > 0) {
            link.close();
            return;
        }
        link.interest(SelectionKey.OP_READ);
        links.offerFirst(link);
    }

    /** An idle connection became readable: the upstream closed it, or sent bytes out of turn. Either way it goes. */
    void idleEvent(UpstreamLink link) {
        ArrayDeque<UpstreamLink> links = idle.get(link.server);
        if (links != null) {
            links.remove(link);
        }
        link.close();
    }

    /** Drops connections idle too long. */
    void sweep(long now) {
        for (ArrayDeque<UpstreamLink> links : idle.values()) {
            links.removeIf(link -> {
                boolean stale = now - link.idleSince > MAX_IDLE_NANOS || !link.isOpen();
                if (stale) {
                    link.close();
                }
                return stale;
            });
        }
    }

    void closeAll() {
        idle.values().forEach(links -> links.forEach(UpstreamLink::close));
        idle.clear();
    }
}
