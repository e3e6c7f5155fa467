package org.openvault.proxy.rules;

import java.util.List;

/** What a rule can look at: the host (lower case, without port), the path, the method and the request headers. */
public interface RequestFacts {

    String host();

    String path();

    String method();

    /** All values of header {@code name} (case-insensitive). */
    List<String> header(String name);
}
