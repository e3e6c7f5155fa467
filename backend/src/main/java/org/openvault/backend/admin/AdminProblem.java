package org.openvault.backend.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import org.openvault.backend.validation.Violation;

/**
 * A refused admin request, answered as RFC 9457 {@code application/problem+json}: the status, a stable {@code code}
 * clients switch on, a sentence ({@code detail}), field errors when there are any, and extra members (who saved the
 * newer revision…) and headers ({@code Retry-After}) when the refusal has them.
 */
public final class AdminProblem extends RuntimeException {

    private final transient Status status;
    private final String code;
    private final transient List<Violation> errors;
    private final transient Map<String, Object> members = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public AdminProblem(Status status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public AdminProblem(Status status, String code, String detail, List<Violation> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static AdminProblem notFound(String detail) {
        return new AdminProblem(Status.NOT_FOUND_404, "not_found", detail);
    }

    public static AdminProblem badRequest(String code, String detail) {
        return new AdminProblem(Status.BAD_REQUEST_400, code, detail);
    }

    public static AdminProblem conflict(String code, String detail) {
        return new AdminProblem(Status.CONFLICT_409, code, detail);
    }

    public static AdminProblem forbidden(String detail) {
        return new AdminProblem(Status.FORBIDDEN_403, "forbidden", detail);
    }

    /** Adds a member to the problem object ({@code "saved_by": …}). */
    public AdminProblem with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    public AdminProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Violation> errors() {
        return errors;
    }

    public Map<String, Object> members() {
        return members;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
