package org.openvault.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Status line and header lines of an upstream response as they came, with what framing and hop-by-hop handling
 * need picked out while reading them: Content-Length, chunked coding, Connection's options.
 */
final class ResponseHead {

    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection", "http2-settings"};

    final int code;
    final String reason;
    final boolean http11;
    /** Header names and values in arrival order (a repeated header appears once per line). */
    final List<String> names = new ArrayList<>(16);
    final List<String> values = new ArrayList<>(16);
    long contentLength = -1;
    boolean chunked;
    boolean close;
    String upgrade;
    /** Header names that Connection lists besides close and keep-alive (hop-by-hop too); null when none. */
    private List<String> connectionOptions;

    ResponseHead(int code, String reason, boolean http11) {
        this.code = code;
        this.reason = reason;
        this.http11 = http11;
    }

    void add(String name, String value) throws java.io.IOException {
        names.add(name);
        values.add(value);
        if (name.equalsIgnoreCase("content-length")) {
            try {
                long length = Long.parseLong(value);
                if (length < 0 || (contentLength >= 0 && contentLength != length)) {
                    throw new NumberFormatException();
                }
                contentLength = length;
            } catch (NumberFormatException e) {
                throw new java.io.IOException("bad Content-Length from upstream: " + value);
            }
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            chunked |= value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
            for (String token : value.split(",")) {
                String option = token.trim().toLowerCase(Locale.ROOT);
                if (option.equals("close")) {
                    close = true;
                } else if (!option.equals("keep-alive") && !option.isEmpty()) {
                    if (connectionOptions == null) {
                        connectionOptions = new ArrayList<>(2);
                    }
                    connectionOptions.add(option);
                }
            }
        } else if (name.equalsIgnoreCase("upgrade")) {
            upgrade = value;
        }
    }

    /** Whether header {@code i} concerns only this hop (RFC 9110, 7.6.1): not relayed to the client. */
    boolean hopByHop(int i) {
        return isHopByHop(names.get(i), connectionOptions);
    }

    /** The value of the first header of that name, or null. */
    String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    static boolean isHopByHop(String name, List<String> connectionOptions) {
        for (String hop : HOP_BY_HOP) {
            if (hop.length() == name.length() && hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        if (connectionOptions != null) {
            for (String option : connectionOptions) {
                if (option.equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
