package org.openvault.proxy.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /** Whether a Transfer-Encoding came: it overrides any Content-Length (RFC 9112, 6.3). */
    private boolean transferEncoded;
    boolean close;
    String upgrade;
    /** Header names that Connection lists besides close and keep-alive (hop-by-hop too); null when none. */
    private List<String> connectionOptions;

    /** The status line in {@code bytes[from, lineEnd)}: {@code HTTP/1.x 200 Reason}. */
    public static ResponseHead statusLine(byte[] bytes, int from, int lineEnd) throws IOException {
        int length = lineEnd - from;
        if (length < 12 || bytes[from] != 'H' || bytes[from + 1] != 'T' || bytes[from + 2] != 'T' || bytes[from + 3] != 'P'
                || bytes[from + 4] != '/' || bytes[from + 5] != '1' || bytes[from + 6] != '.' || bytes[from + 8] != ' '
                || (length > 12 && bytes[from + 12] != ' ')) {
            throw new IOException("not an HTTP/1 status line from upstream: " + text(bytes, from, lineEnd));
        }
        int code = 0;
        for (int i = from + 9; i < from + 12; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("bad status from upstream: " + text(bytes, from, lineEnd));
            }
            code = code * 10 + digit;
        }
        String reason = length > 13 ? text(bytes, from + 13, lineEnd) : "";
        return new ResponseHead(code, reason, bytes[from + 7] == '1');
    }

    /** One header line in {@code bytes[from, lineEnd)}: name and value, trimmed of spaces and tabs. */
    public void addLine(byte[] bytes, int from, int lineEnd) throws IOException {
        int colon = -1;
        for (int i = from; i < lineEnd; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from) {
            throw new IOException("bad header line from upstream: " + text(bytes, from, lineEnd));
        }
        add(trimmed(bytes, from, colon), trimmed(bytes, colon + 1, lineEnd));
    }

    private static String trimmed(byte[] bytes, int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        return text(bytes, from, to);
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

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
            // Chunked only when it is the final coding; any other ends the body at the end of the connection.
            transferEncoded = true;
            String[] codings = value.split(",");
            chunked = codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
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

    /** The protocol the upstream asked to switch to with a 101, or null. */
    public String upgrade() {
        return upgrade;
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
        return transferEncoded ? -1 : contentLength;
    }

    public boolean chunked() {
        return chunked;
    }

    /** Whether the upstream closes the connection after this response (Connection: close). */
    public boolean close() {
        return close;
    }

    /**
     * Whether header {@code i} goes on to the client: not when it concerns only this hop (RFC 9110, 7.6.1), nor
     * when it is a Content-Length that a Transfer-Encoding overrides (the client must not get both framings).
     */
    public boolean relayed(int i) {
        String name = names.get(i);
        return !isHopByHop(name, connectionOptions) && !(transferEncoded && name.equalsIgnoreCase("content-length"));
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
        if (connectionOptions != null && !name.equalsIgnoreCase("content-length")) {
            // Connection never takes away Content-Length: the body is framed by it whatever the header says.
            for (String option : connectionOptions) {
                if (option.equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
