package org.openvault.frontend.api;

/**
 * The backend answered, but with JSON the site cannot read: a fault on our side, not an outage. Served stale when a
 * good answer is remembered, otherwise the site's 500 page.
 */
public final class MalformedAnswerException extends RuntimeException {

    public MalformedAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
