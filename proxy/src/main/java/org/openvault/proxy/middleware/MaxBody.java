package org.openvault.proxy.middleware;

import java.util.List;

/** Refuses request bodies over a size: at once by Content-Length, or while streaming a chunked body (413). */
public record MaxBody(long maxBytes) implements Middleware {

    @Override
    public Answer apply(Forwarding forwarding) {
        List<String> declared = forwarding.request().header("content-length");
        // The engine checked the framing already; equal duplicates ("10, 10") are as long as their first.
        if (!declared.isEmpty() && Long.parseLong(declared.getFirst().split(",")[0].trim()) > maxBytes) {
            return tooLarge(maxBytes);
        }
        forwarding.maxBodyBytes(maxBytes);
        return null;
    }

    /** The answer to a body over {@code maxBytes}, by its Content-Length or while it streams. */
    public static Answer tooLarge(long maxBytes) {
        return new Answer(413, "Content Too Large", List.of(), "The request body is larger than " + maxBytes + " bytes.");
    }
}
