package org.openvault.proxy.middleware;

import java.util.List;

/** Removes the first matching prefix from the upstream path and tells the upstream with X-Forwarded-Prefix. */
record StripPrefix(List<String> prefixes) implements Middleware {

    StripPrefix {
        prefixes = List.copyOf(prefixes);
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        String path = forwarding.upstreamPath();
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                forwarding.upstreamPath(rest.startsWith("/") ? rest : "/" + rest);
                forwarding.upstreamHeader(new HeaderChange("X-Forwarded-Prefix", prefix));
                break;
            }
        }
        return null;
    }
}
