package org.openvault.proxy.engine.eventloop;

import java.util.List;

import org.openvault.proxy.balancing.BalancedService;
import org.openvault.proxy.middleware.Middleware;
import org.openvault.proxy.routing.Routes;
import org.openvault.proxy.rules.Rule;

/** A router on an event-loop entrypoint: its rule and priority, its middlewares, and its service (null: the router has none). */
public record EventLoopRoute(String name, Rule rule, int priority, List<Middleware> middlewares, BalancedService service)
        implements Routes.Candidate {
}
