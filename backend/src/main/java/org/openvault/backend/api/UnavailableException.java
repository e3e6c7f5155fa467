package org.openvault.backend.api;

/**
 * Something an answer needs does not answer right now (a store, every worker busy): the API and the web admin answer
 * 503 with Retry-After and the message, and nothing broken is kept. Features throw their own kinds of it.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
