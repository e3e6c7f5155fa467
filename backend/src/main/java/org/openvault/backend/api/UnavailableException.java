package org.openvault.backend.api;

/**
 * Something an answer needs does not answer right now (a store, every worker busy): the API and the web admin answer
 * 503 with Retry-After and the message, and nothing broken is kept. Features throw their own kinds of it; the admin
 * API's problem answer carries the kind's {@link #code()}.
 */
public class UnavailableException extends RuntimeException {

    private final String code;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.code = "unavailable";
    }

    /** A kind with its own problem code; without a stack trace when it is thrown often from one place. */
    protected UnavailableException(String code, String message, boolean stackTrace) {
        super(message, null, false, stackTrace);
        this.code = code;
    }

    /** The {@code code} of the admin API's problem answer. */
    public String code() {
        return code;
    }
}
