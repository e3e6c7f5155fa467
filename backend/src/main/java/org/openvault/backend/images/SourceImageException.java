package org.openvault.backend.images;

/** The original of an image cannot be read or decoded; the API then emits {@code {"error": "SourceImageIOError"}}. */
public final class SourceImageException extends Exception {

    public SourceImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
