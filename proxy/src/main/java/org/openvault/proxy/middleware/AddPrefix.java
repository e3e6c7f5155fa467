package org.openvault.proxy.middleware;

/** Puts a prefix in front of the upstream path. */
record AddPrefix(String prefix) implements Middleware {

    AddPrefix {
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        forwarding.upstreamPath(prefix + forwarding.upstreamPath());
        return null;
    }
}
