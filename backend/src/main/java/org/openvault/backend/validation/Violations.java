package org.openvault.backend.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request body while it is checked, so the editor sees them all at once. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String pointer, String code, String detail) {
        found.add(new Violation(pointer, code, detail));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** Throws {@link ValidationException} carrying everything found, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(list());
        }
    }

    /** The pointer of a member of the object at {@code parent} ({@code ""} is the whole body); escapes {@code ~} and {@code /}. */
    public static String pointer(String parent, String member) {
        return parent + "/" + member.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of an element of the array at {@code parent}. */
    public static String pointer(String parent, int index) {
        return parent + "/" + index;
    }
}
