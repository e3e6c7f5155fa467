package org.openvault.proxy.routing;

import org.openvault.proxy.rules.Rule;

/** A router made ready: its rule, priority and the chain of its middlewares ending in its service. */
public record Route(String name, Rule rule, int priority, Middleware.Next chain) implements Routes.Candidate {
}
