package org.openvault.backend.images;

import org.openvault.backend.api.UnavailableException;

/**
 * Image files cannot be had right now: the media storage does not answer (or refuses us), or every rendering slot
 * stayed taken for the configured wait. Answered 503 with Retry-After, never cached as a broken image.
 */
public final class MediaUnavailableException extends UnavailableException {

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
