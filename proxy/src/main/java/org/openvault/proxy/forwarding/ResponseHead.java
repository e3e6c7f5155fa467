package org.openvault.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Status line and header lines of an upstream response as they came, with what framing and hop-by-hop handling
 * need picked out while reading them: Content-Length, chunked coding, Connection's options.
 */
public final class ResponseHead {

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

    public ResponseHead(int code, String reason, boolean http11) {
        this.code = code;
        this.reason = reason;
        this.http11 = http11;
    }

    public void add(String name, String value) throws java.io.IOException {
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

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean http11() {
        return http11;
    }

    /** The number of header lines. */
    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** The declared body length, or -1 when none was declared. */
    public long contentLength() {
        return contentLength;
    }

    public boolean chunked() {
        return chunked;
    }

    /** Whether the upstream closes the connection after this response (Connection: close). */
    public boolean close() {
        return close;
    }

    /** Whether header {@code i} concerns only this hop (RFC 9110, 7.6.1): not relayed to the client. */
    public boolean hopByHop(int i) {
        return isHopByHop(names.get(i), connectionOptions);
    }

    /** The value of the first header of that name, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public static boolean isHopByHop(String name, List<String> connectionOptions) {
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
