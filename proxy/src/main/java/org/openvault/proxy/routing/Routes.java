package org.openvault.proxy.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.openvault.proxy.rules.RequestFacts;
import org.openvault.proxy.rules.Rule;

/**
 * The routers of one entrypoint: highest priority first, and the first whose rule matches a
 * request handles it (equal priorities keep the order of the configuration).
 */
public final class Routes<R extends Routes.Candidate> {

    /** What matching needs of a router. */
    public interface Candidate {
        Rule rule();

        int priority();
    }

    private final List<R> ordered;

    public Routes(Collection<R> routes) {
        this.ordered = routes.stream().sorted(Comparator.comparingInt(Candidate::priority).reversed()).toList();
    }

    /** The router for this request, or null when none matches. */
    public R match(RequestFacts request) {
        for (R route : ordered) {
            if (route.rule().matches(request)) {
                return route;
            }
        }
        return null;
    }
}
