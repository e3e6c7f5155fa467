package org.openvault.proxy.engine.eventloop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openvault.proxy.http.ForwardedHeaders;
import org.openvault.proxy.http.HttpSyntax;
import org.openvault.proxy.http.RequestPath;
import org.openvault.proxy.http.UpstreamHead;
import org.openvault.proxy.rules.RequestFacts;

/**
 * A request head read off the wire (RFC 9112): request line and header lines, checked while parsed. A head
 * that breaks the grammar or the limits is refused with the status to answer ({@link Refused}).
 */
final class ParsedRequest implements RequestFacts, UpstreamHead.Incoming {

    /** Why a head cannot be served: the status to answer and a message for the client. */
    static final class Refused extends Exception {
        final int status;
        final String reason;

        Refused(int status, String reason, String message) {
            super(message, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }

    final String method;
    /** The request target as sent (origin form: path and query). */
    final String rawTarget;
    /** The target's path, percent-encoded as sent, in its one spelling ({@link RequestPath}). */
    final String rawPath;
    final String query;
    final boolean http11;
    private static final String[] COMMON_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};

    final List<String> names = new ArrayList<>(16);
    final List<String> lowerNames = new ArrayList<>(16);
    final List<String> values = new ArrayList<>(16);
    String authority;
    private String host;
    private String path;
    long contentLength = -1;
    boolean chunked;
    boolean close;
    boolean expectContinue;
    private boolean hostSeen;
    private boolean keepAlive;
    private String transferEncoding;

    private ParsedRequest(String method, String rawTarget, boolean http11) throws Refused {
        this.method = method;
        this.rawTarget = rawTarget;
        this.http11 = http11;
        int question = rawTarget.indexOf('?');
        String sentPath = question < 0 ? rawTarget : rawTarget.substring(0, question);
        try {
            // Routed and forwarded in one spelling, so the upstream reads the path the rules matched.
            this.rawPath = sentPath.equals("*") ? sentPath : RequestPath.normalized(sentPath);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        this.query = question < 0 ? "" : rawTarget.substring(question + 1);
    }

    /**
     * A request that came as HTTP/2 pseudo-header fields ({@code :authority} standing for Host), its header fields
     * added by {@link #addHeader}; it is passed on upstream as HTTP/1.1.
     */
    static ParsedRequest fromHttp2(String method, String target, String authority) throws Refused {
        ParsedRequest request = new ParsedRequest(method, target, true);
        request.authority = authority;
        return request;
    }

    /** One header field of an HTTP/2 request (name in lower case, checked by the caller). */
    void addHeader(String lowerName, String value) {
        names.add(lowerName);
        lowerNames.add(lowerName);
        values.add(value);
    }

    /** Whether a body follows the head. */
    boolean hasBody() {
        return chunked || contentLength > 0;
    }

    @Override
    public String host() {
        if (host == null) {
            host = ForwardedHeaders.hostWithoutPort(authority).toLowerCase(Locale.ROOT);
        }
        return host;
    }

    @Override
    public String path() {
        if (path == null) {
            path = decodePath(rawPath);
        }
        return path;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<String> header(String name) {
        List<String> found = List.of();
        for (int i = 0; i < names.size(); i++) {
            if (lowerNames.get(i).equalsIgnoreCase(name)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(2);
                }
                found.add(values.get(i));
            }
        }
        return found;
    }

    @Override
    public void forEachHeader(UpstreamHead.HeaderLine line) {
        for (int i = 0; i < names.size(); i++) {
            line.accept(names.get(i), lowerNames.get(i), values.get(i));
        }
    }

    /** The first value of a header (name in lower case), or "". */
    String first(String lowerName) {
        for (int i = 0; i < names.size(); i++) {
            if (lowerNames.get(i).equals(lowerName)) {
                return values.get(i);
            }
        }
        return "";
    }

    /**
     * Parses the head in {@code bytes[0, end)} ({@code end} just past the blank line). {@code maxRequestLine} and
     * {@code maxHeaderBytes} are the entrypoint's limits (414 and 431 past them).
     */
    static ParsedRequest parse(byte[] bytes, int end, int maxRequestLine, int maxHeaderBytes) throws Refused {
        int lineEnd = HeadLines.lineEnd(bytes, 0, end);
        if (lineEnd > maxRequestLine) {
            throw new Refused(414, "URI Too Long", "The request line is longer than " + maxRequestLine + " bytes.");
        }
        ParsedRequest request = requestLine(bytes, lineEnd);
        int pos = HeadLines.next(bytes, lineEnd);
        int headerBytes = 0;
        while (true) {
            int line = HeadLines.lineEnd(bytes, pos, end);
            if (line == pos) {
                break;
            }
            headerBytes += line - pos + 2;
            if (headerBytes > maxHeaderBytes) {
                throw new Refused(431, "Request Header Fields Too Large", "The request headers are too large.");
            }
            request.header(bytes, pos, line);
            pos = HeadLines.next(bytes, line);
        }
        request.check();
        return request;
    }

    private static ParsedRequest requestLine(byte[] bytes, int lineEnd) throws Refused {
        int firstSpace = HeadLines.indexOf(bytes, (byte) ' ', 0, lineEnd);
        int secondSpace = firstSpace < 0 ? -1 : HeadLines.indexOf(bytes, (byte) ' ', firstSpace + 1, lineEnd);
        if (firstSpace <= 0 || secondSpace < 0 || HeadLines.indexOf(bytes, (byte) ' ', secondSpace + 1, lineEnd) >= 0) {
            throw badRequest("Malformed request line.");
        }
        for (int i = 0; i < firstSpace; i++) {
            if (!HttpSyntax.isTokenChar(bytes[i])) {
                throw badRequest("Malformed method.");
            }
        }
        boolean http11;
        if (matches(bytes, secondSpace + 1, lineEnd, "HTTP/1.1")) {
            http11 = true;
        } else if (matches(bytes, secondSpace + 1, lineEnd, "HTTP/1.0")) {
            http11 = false;
        } else if (lineEnd - secondSpace - 1 >= 5 && matches(bytes, secondSpace + 1, secondSpace + 6, "HTTP/")) {
            throw new Refused(505, "HTTP Version Not Supported", "Only HTTP/1.0 and HTTP/1.1 are served here.");
        } else {
            throw badRequest("Malformed request line.");
        }
        for (int i = firstSpace + 1; i < secondSpace; i++) {
            byte b = bytes[i];
            if (b <= 0x20 || b == 0x7f) {
                throw badRequest("Malformed request target.");
            }
        }
        String method = method(bytes, firstSpace);
        String target = ascii(bytes, firstSpace + 1, secondSpace);
        String authority = null;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            // Absolute form (RFC 9112, 3.2.2): its authority stands for Host.
            int start = target.indexOf("//") + 2;
            int slash = target.indexOf('/', start);
            authority = slash < 0 ? target.substring(start) : target.substring(start, slash);
            target = slash < 0 ? "/" : target.substring(slash);
        } else if (!target.startsWith("/") && !(target.equals("*") && method.equals("OPTIONS"))) {
            throw badRequest("Malformed request target.");
        }
        ParsedRequest request = new ParsedRequest(method, target, http11);
        request.authority = authority;
        return request;
    }

    private void header(byte[] bytes, int from, int to) throws Refused {
        if (bytes[from] == ' ' || bytes[from] == '\t') {
            throw badRequest("Folded header lines are not accepted.");
        }
        int colon = HeadLines.indexOf(bytes, (byte) ':', from, to);
        if (colon <= from) {
            throw badRequest("Malformed header line.");
        }
        for (int i = from; i < colon; i++) {
            if (!HttpSyntax.isTokenChar(bytes[i])) {
                throw badRequest("Malformed header name.");
            }
        }
        int start = colon + 1;
        int stop = to;
        while (start < stop && (bytes[start] == ' ' || bytes[start] == '\t')) {
            start++;
        }
        while (stop > start && (bytes[stop - 1] == ' ' || bytes[stop - 1] == '\t')) {
            stop--;
        }
        for (int i = start; i < stop; i++) {
            // Unsigned: bytes from 0x80 up (obs-text, RFC 9110 field-value) are allowed, control bytes are not.
            int b = bytes[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw badRequest("Malformed header value.");
            }
        }
        String name = ascii(bytes, from, colon);
        String lower = name.toLowerCase(Locale.ROOT);
        String value = new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
        names.add(name);
        lowerNames.add(lower);
        values.add(value);
        switch (lower) {
            case "host" -> {
                if (hostSeen) {
                    throw badRequest("More than one Host header.");
                }
                hostSeen = true;
                if (authority == null) {
                    authority = value;
                }
            }
            case "content-length" -> {
                long length = contentLength(value);
                if (contentLength >= 0 && contentLength != length) {
                    throw badRequest("Conflicting Content-Length headers.");
                }
                contentLength = length;
            }
            case "transfer-encoding" -> {
                transferEncoding = transferEncoding == null ? value : transferEncoding + "," + value;
            }
            case "connection" -> {
                for (String option : value.split(",")) {
                    String token = option.trim().toLowerCase(Locale.ROOT);
                    if (token.equals("close")) {
                        close = true;
                    } else if (token.equals("keep-alive")) {
                        keepAlive = true;
                    }
                }
            }
            case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
            default -> { }
        }
    }

    private void check() throws Refused {
        if (http11 && !hostSeen) {
            throw badRequest("The Host header is missing.");
        }
        if (authority == null) {
            authority = "";
        }
        if (!validAuthority(authority)) {
            throw badRequest("Malformed Host header.");
        }
        if (transferEncoding != null) {
            if (contentLength >= 0) {
                throw badRequest("Both Transfer-Encoding and Content-Length.");
            }
            if (!transferEncoding.trim().equalsIgnoreCase("chunked")) {
                throw new Refused(501, "Not Implemented", "Only the chunked transfer coding is accepted.");
            }
            chunked = true;
        }
        if (!http11 && !keepAlive) {
            close = true;
        }
    }

    private static long contentLength(String value) throws Refused {
        if (value.isEmpty() || value.length() > 18) {
            throw badRequest("Malformed Content-Length.");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw badRequest("Malformed Content-Length.");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** Host and optional port: a registered name or IPv4 address, or an IPv6 literal in brackets (RFC 3986). */
    static boolean validAuthority(String authority) {
        int length = authority.length();
        int hostEnd = length;
        int i = 0;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int j = 1; j < close; j++) {
                char c = authority.charAt(j);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = close + 1;
            hostEnd = i;
        } else {
            int colon = authority.indexOf(':');
            hostEnd = colon < 0 ? length : colon;
            for (int j = 0; j < hostEnd; j++) {
                char c = authority.charAt(j);
                boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~';
                boolean subDelimOrPercent = "!$&'()*+,;=%".indexOf(c) >= 0;
                if (!unreserved && !subDelimOrPercent) {
                    return false;
                }
            }
            i = hostEnd;
        }
        if (i == length) {
            return true;
        }
        if (authority.charAt(i) != ':' || i + 1 == length || length - i > 6) {
            return false;
        }
        for (int j = i + 1; j < length; j++) {
            char c = authority.charAt(j);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The path with %XX sequences decoded as UTF-8 (what rules match against); a bad sequence stays as it is. */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The method token in {@code bytes[0, end)}: the common ones as constants, without a new string per request. */
    private static String method(byte[] bytes, int end) {
        for (String known : COMMON_METHODS) {
            if (matches(bytes, 0, end, known)) {
                return known;
            }
        }
        return ascii(bytes, 0, end);
    }

    /** Whether {@code bytes[from, to)} are exactly {@code text}'s characters (ASCII). */
    private static boolean matches(byte[] bytes, int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static Refused badRequest(String message) {
        return new Refused(400, "Bad Request", message);
    }
}
