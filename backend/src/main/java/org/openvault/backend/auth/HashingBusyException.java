package org.openvault.backend.auth;

import org.openvault.backend.api.UnavailableException;

/** Every password-hashing slot stayed taken for the configured wait: answered 503 with Retry-After, not queued. */
public final class HashingBusyException extends UnavailableException {

    public HashingBusyException() {
        // No stack trace: thrown often during a login flood, and where it came from is always the same.
        super("busy", "too many password checks at once; try again shortly", false);
    }
}
