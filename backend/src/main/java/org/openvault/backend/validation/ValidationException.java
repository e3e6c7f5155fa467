package org.openvault.backend.validation;

import java.util.List;

/** A request body that breaks the rules: nothing was stored. Answered 422 with every violation. */
public final class ValidationException extends RuntimeException {

    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid request" : violations.getFirst().detail(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String pointer, String code, String detail) {
        return new ValidationException(List.of(new Violation(pointer, code, detail)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
