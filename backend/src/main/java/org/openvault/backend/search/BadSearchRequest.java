package org.openvault.backend.search;

/** A search request the API refuses with 400 and this message. */
public final class BadSearchRequest extends RuntimeException {

    public BadSearchRequest(String message) {
        super(message);
    }
}
