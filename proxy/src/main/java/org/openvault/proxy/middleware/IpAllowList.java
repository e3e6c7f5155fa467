package org.openvault.proxy.middleware;

import java.util.List;

import org.openvault.proxy.config.AddressRange;

/** Lets through only clients whose address (after trusted proxies) lies in one of the ranges; 403 otherwise. */
record IpAllowList(List<AddressRange> ranges) implements Middleware {

    private static final Answer FORBIDDEN = new Answer(403, "Forbidden", List.of(), "Forbidden.");

    IpAllowList {
        ranges = List.copyOf(ranges);
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        for (AddressRange range : ranges) {
            if (range.contains(forwarding.clientAddress())) {
                return null;
            }
        }
        return FORBIDDEN;
    }
}
