package org.openvault.proxy;

/** An entrypoint could not open its port (in use, not permitted): the proxy does not start at all. */
public final class CannotListenException extends RuntimeException {

    CannotListenException(String message) {
        super(message);
    }
}
