package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL built from fixed fragments, every value a bound parameter (never part of the text). */
public final class SqlText {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public SqlText(String start) {
        text.append(start);
    }

    public SqlText append(String fragment, Object... values) {
        text.append(fragment);
        Collections.addAll(params, values);
        return this;
    }

    /** The values of the parameters, in the order of their {@code ?} in the text. */
    public Object[] params() {
        return params.toArray();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
