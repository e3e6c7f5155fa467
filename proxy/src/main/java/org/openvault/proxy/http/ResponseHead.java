package org.openvault.proxy.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Status line and header lines of an upstream response as they came, with what framing and hop-by-hop handling
 * need picked out while reading them: Content-Length, chunked coding, Connection's options. The header lines stay
 * the bytes they came as (a response's own copy): names and values become strings only when asked for, and a
 * relayed line is copied to the client as bytes ({@link #appendLine}), so passing a response on makes no strings.
 */
public final class ResponseHead {

    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection", "http2-settings"};

    final int code;
    final String reason;
    final boolean http11;
    /** The head's bytes, which the header lines point into. */
    private final byte[] bytes;
    /** Per header line, in arrival order: name start and end, value start and end (trimmed) in {@link #bytes}. */
    private int[] spans = new int[4 * 16];
    private int size;
    long contentLength = -1;
    boolean chunked;
    /** Whether a Transfer-Encoding came: it overrides any Content-Length (RFC 9112, 6.3). */
    private boolean transferEncoded;
    boolean close;
    String upgrade;
    /** Header names that Connection lists besides close and keep-alive (hop-by-hop too); null when none. */
    private List<String> connectionOptions;

    /**
     * The status line in {@code bytes[from, lineEnd)}: {@code HTTP/1.x 200 Reason}. The header lines added later
     * point into {@code bytes}, which must not change while this head is in use.
     */
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
        return new ResponseHead(bytes, code, reason, bytes[from + 7] == '1');
    }

    /** One header line in {@code bytes[from, lineEnd)} (the bytes given to {@link #statusLine}): name and value. */
    public void addLine(byte[] bytes, int from, int lineEnd) throws IOException {
        if (bytes != this.bytes) {
            throw new IllegalArgumentException("header lines must come from the status line's bytes");
        }
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
        int nameFrom = skipSpaces(bytes, from, colon);
        int nameTo = trimEnd(bytes, nameFrom, colon);
        int valueFrom = skipSpaces(bytes, colon + 1, lineEnd);
        int valueTo = trimEnd(bytes, valueFrom, lineEnd);
        if (4 * size + 4 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[4 * size] = nameFrom;
        spans[4 * size + 1] = nameTo;
        spans[4 * size + 2] = valueFrom;
        spans[4 * size + 3] = valueTo;
        size++;
        framing(size - 1);
    }

    private static int skipSpaces(byte[] bytes, int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] bytes, int from, int to) {
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private ResponseHead(byte[] bytes, int code, String reason, boolean http11) {
        this.bytes = bytes;
        this.code = code;
        this.reason = reason;
        this.http11 = http11;
    }

    /** What header {@code i} says about the framing, the connection or an upgrade. */
    private void framing(int i) throws IOException {
        if (nameIs(i, "content-length")) {
            String value = value(i);
            try {
                long length = Long.parseLong(value);
                if (length < 0 || (contentLength >= 0 && contentLength != length)) {
                    throw new NumberFormatException();
                }
                contentLength = length;
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length from upstream: " + value);
            }
        } else if (nameIs(i, "transfer-encoding")) {
            // Chunked only when it is the final coding; any other ends the body at the end of the connection.
            transferEncoded = true;
            String[] codings = value(i).split(",");
            chunked = codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
        } else if (nameIs(i, "connection")) {
            for (String token : value(i).split(",")) {
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
        } else if (nameIs(i, "upgrade")) {
            upgrade = value(i);
        }
    }

    /** Whether the name of header {@code i} is {@code name}, letter case aside (ASCII: header names are tokens). */
    public boolean nameIs(int i, String name) {
        int from = spans[4 * i];
        int length = spans[4 * i + 1] - from;
        if (length != name.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            int a = bytes[from + k];
            int b = name.charAt(k);
            if (a != b) {
                int lower = a | 0x20;
                if (lower < 'a' || lower > 'z' || lower != (b | 0x20)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Appends header line {@code i} as it came (name and value trimmed) to {@code head}. */
    public void appendLine(int i, HeadBytes head) {
        head.append(bytes, spans[4 * i], spans[4 * i + 1]).append(':').append(' ')
                .append(bytes, spans[4 * i + 2], spans[4 * i + 3]).append('\r').append('\n');
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
        return size;
    }

    public String name(int i) {
        return text(bytes, spans[4 * i], spans[4 * i + 1]);
    }

    public String value(int i) {
        return text(bytes, spans[4 * i + 2], spans[4 * i + 3]);
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
        return !hopByHop(name -> nameIs(i, name), connectionOptions)
                && !(transferEncoded && nameIs(i, "content-length"));
    }

    /** The value of the first header of that name, or null. */
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (nameIs(i, name)) {
                return value(i);
            }
        }
        return null;
    }

    public static boolean isHopByHop(String name, List<String> connectionOptions) {
        return hopByHop(name::equalsIgnoreCase, connectionOptions);
    }

    /** The hop-by-hop rule for a header whose name {@code named} tells, for a string or for a line's bytes. */
    private static boolean hopByHop(Predicate<String> named, List<String> connectionOptions) {
        for (String hop : HOP_BY_HOP) {
            if (named.test(hop)) {
                return true;
            }
        }
        if (connectionOptions != null && !named.test("content-length")) {
            // Connection never takes away Content-Length: the body is framed by it whatever the header says.
            for (String option : connectionOptions) {
                if (named.test(option)) {
                    return true;
                }
            }
        }
        return false;
    }
}
