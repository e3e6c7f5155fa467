package org.openvault.backend.api;

import io.helidon.http.Status;

/** A client error with the exact message the API answers, as {@code {"message": "..."}}. */
public final class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST_400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND_404, message);
    }

    public Status status() {
        return status;
    }
}
