package org.openvault.images;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for services a test starts later: free now, and below the kernel's range of ephemeral ports (32768 and up on
 * Linux), so no outgoing connection made meanwhile (health checks, pooled upstream connections) can take one before
 * the service binds it; a port taken from the ephemeral range was, once, and the service failed to start.
 */
final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private FreePorts() {
    }

    static int next() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between " + FIRST + " and " + LAST);
    }
}
