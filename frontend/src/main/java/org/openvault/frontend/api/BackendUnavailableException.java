package org.openvault.frontend.api;

/** The backend could not be reached or answered with an error. */
public final class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendUnavailableException(String message) {
        super(message);
    }
}
