package org.openvault.proxy.routing;

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
 */
public final class HeaderTimeout implements Http1ConnectionListener {

    private final long timeoutNanos;
    private final Map<ConnectionContext, Long> deadlines = new ConcurrentHashMap<>();

    public HeaderTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void prologue(ConnectionContext context, HttpPrologue prologue) {
        deadlines.put(context, System.nanoTime() + timeoutNanos);
    }

    @Override
    public void headers(ConnectionContext context, Headers headers) {
        deadlines.remove(context);
    }

    /** Closes the connections whose headers are late; run it often (a fraction of the timeout). */
    public void sweep() {
        long now = System.nanoTime();
        deadlines.forEach((context, deadline) -> {
            if (now - deadline > 0 && deadlines.remove(context, deadline)) {
                context.serverSocket().close();
            }
        });
    }
}
