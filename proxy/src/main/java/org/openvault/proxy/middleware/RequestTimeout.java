package org.openvault.proxy.middleware;

import java.time.Duration;

/** Answers 504 when the upstream has not answered within this time (shorter than the service's own timeout). */
record RequestTimeout(Duration timeout) implements Middleware {

    @Override
    public Answer apply(Forwarding forwarding) {
        forwarding.timeout(timeout);
        return null;
    }
}
