package org.openvault.proxy.engine.helidon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Cuts off clients that send a request line and then trickle their headers (slowloris): the header block must
 * be complete within the timeout after the request line, else the connection is closed by {@link #sweep()}.
 * Each connection keeps one entry, re-armed per request (a lookup, not a map insert and removal per request).
 */
public final class HeaderTimeout implements Http1ConnectionListener {

    /** Nanos by which the headers of the current request must be in; 0 while none are awaited. */
    private static final class Deadline {
        volatile long at;
    }

    private final long timeoutNanos;
    private final Map<ConnectionContext, Deadline> deadlines = new ConcurrentHashMap<>();

    public HeaderTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void prologue(ConnectionContext context, HttpPrologue prologue) {
        Deadline deadline = deadlines.get(context);
        if (deadline == null) {
            deadline = new Deadline();
            deadlines.put(context, deadline);
        }
        // Never 0 (that means "nothing awaited").
        deadline.at = (System.nanoTime() + timeoutNanos) | 1;
    }

    @Override
    public void headers(ConnectionContext context, Headers headers) {
        Deadline deadline = deadlines.get(context);
        if (deadline != null) {
            deadline.at = 0;
        }
    }

    /** Closes the connections whose headers are late and forgets closed ones; run it often (a fraction of the timeout). */
    public void sweep() {
        long now = System.nanoTime();
        deadlines.forEach((context, deadline) -> {
            long at = deadline.at;
            if (at != 0 && now - at > 0) {
                deadlines.remove(context);
                context.serverSocket().close();
            } else if (!context.serverSocket().isConnected()) {
                deadlines.remove(context);
            }
        });
    }
}
