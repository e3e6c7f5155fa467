package org.openvault.proxy.rules;

/** A parsed routing rule such as {@code Host(`example.org`) && PathPrefix(`/api/`)}. */
@FunctionalInterface
public interface Rule {

    boolean matches(RequestFacts request);

    default Rule and(Rule other) {
        return request -> matches(request) && other.matches(request);
    }

    default Rule or(Rule other) {
        return request -> matches(request) || other.matches(request);
    }

    default Rule negate() {
        return request -> !matches(request);
    }
}
