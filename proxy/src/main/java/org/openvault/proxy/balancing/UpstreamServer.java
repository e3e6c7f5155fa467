package org.openvault.proxy.balancing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream URL and its health: down while the active check fails, or for a while after {@code maxFails}
 * connection failures in a row (passive check).
 */
public final class UpstreamServer {

    private final URI url;
    private final int port;
    private final String authority;
    private final Duration connectTimeout;
    private final int maxFails;
    private final long failTimeoutNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long ejectedUntil;
    private volatile boolean checkPassing = true;

    UpstreamServer(URI url, Duration connectTimeout, int maxFails, Duration failTimeout) {
        this.url = url;
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        this.authority = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        this.connectTimeout = connectTimeout;
        this.maxFails = Math.max(1, maxFails);
        this.failTimeoutNanos = failTimeout.toNanos();
    }

    public URI url() {
        return url;
    }

    /** Its address, resolved again each time (a DNS name may move). */
    public InetSocketAddress address() {
        return new InetSocketAddress(url.getHost(), port);
    }

    public String authority() {
        return authority;
    }

    /** Up: the last active check passed and no passive ejection is running. */
    public boolean healthy() {
        return checkPassing && System.nanoTime() - ejectedUntil >= 0;
    }

    public void connectFailed() {
        if (failures.incrementAndGet() >= maxFails) {
            ejectedUntil = System.nanoTime() + failTimeoutNanos;
            failures.set(0);
        }
    }

    public void succeeded() {
        failures.set(0);
    }

    /** One active health check: a GET of {@code path} whose status line says 2xx or 3xx in time means up. */
    void check(String path, Duration timeout) {
        boolean passing;
        try (Socket socket = new Socket()) {
            socket.connect(address(), (int) Math.max(1, connectTimeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + authority
                    + "\r\nConnection: close\r\nUser-Agent: openvault-proxy-health-check\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int code = statusCode(socket.getInputStream());
            passing = code >= 200 && code < 400;
        } catch (IOException | RuntimeException e) {
            passing = false;
        }
        if (passing && !checkPassing) {
            ejectedUntil = System.nanoTime();
        }
        checkPassing = passing;
    }

    /** The code of an {@code HTTP/1.x NNN …} status line, or -1 when the answer does not start with one. */
    private static int statusCode(InputStream in) throws IOException {
        byte[] line = in.readNBytes(12);
        String start = new String(line, StandardCharsets.ISO_8859_1);
        if (line.length < 12 || !start.startsWith("HTTP/1.") || start.charAt(8) != ' ') {
            return -1;
        }
        try {
            return Integer.parseInt(start.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
