package org.openvault.proxy.engine.eventloop;

import java.util.List;
import java.util.Set;

import org.openvault.proxy.http.HttpSyntax;

/**
 * The header fields of an HTTP/2 request, checked as RFC 9113 (8.2, 8.3) asks, turned into the request the pipeline
 * serves and sends upstream as HTTP/1.1: pseudo-header fields first and once each, names in lower case, no
 * connection-specific fields, {@code te} only {@code trailers}, a {@code :path} an HTTP/1.1 request line can carry.
 * Cookie fields, which browsers send one per cookie over HTTP/2, are joined into one for the upstream (8.2.3).
 */
final class Http2Request {

    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "proxy-connection", "keep-alive",
            "transfer-encoding", "upgrade");

    private Http2Request() {
    }

    /** {@code fields} holds names and values pairwise; {@code endStream}: the HEADERS frame ended the request. */
    static ParsedRequest of(List<String> fields, boolean endStream) throws ParsedRequest.Refused {
        String method = null;
        String scheme = null;
        String authority = null;
        String path = null;
        int regular = fields.size();
        for (int i = 0; i < fields.size(); i += 2) {
            String name = fields.get(i);
            String value = fields.get(i + 1);
            if (!name.startsWith(":")) {
                regular = i;
                break;
            }
            switch (name) {
                case ":method" -> method = once(method, value, name);
                case ":scheme" -> scheme = once(scheme, value, name);
                case ":authority" -> authority = once(authority, value, name);
                case ":path" -> path = once(path, value, name);
                default -> throw malformed("Unknown pseudo-header field " + name + ".");
            }
        }
        if (method == null || scheme == null || path == null || method.isEmpty() || scheme.isEmpty()) {
            throw malformed("A request needs :method, :scheme and :path.");
        }
        for (int i = 0; i < method.length(); i++) {
            if (!HttpSyntax.isTokenChar((byte) method.charAt(i)) || method.charAt(i) > 0x7e) {
                throw malformed("Malformed :method.");
            }
        }
        if (!validPath(path, method)) {
            throw malformed("Malformed :path.");
        }
        String host = null;
        StringBuilder cookies = null;
        ParsedRequest request = ParsedRequest.fromHttp2(method, path, "");
        for (int i = regular; i < fields.size(); i += 2) {
            String name = fields.get(i);
            String value = fields.get(i + 1);
            checkField(name, value);
            switch (name) {
                case "host" -> host = once(host, value, name);
                case "cookie" -> {
                    cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
                    continue;
                }
                case "content-length" -> request.contentLength = contentLength(value, request.contentLength);
                case "expect" -> request.expectContinue = value.equalsIgnoreCase("100-continue");
                default -> { }
            }
            request.addHeader(name, value);
        }
        if (cookies != null) {
            request.addHeader("cookie", cookies.toString());
        }
        request.authority = authority != null ? authority : host == null ? "" : host;
        if (!ParsedRequest.validAuthority(request.authority)) {
            throw malformed("Malformed :authority.");
        }
        if (endStream && request.contentLength > 0) {
            throw malformed("Content-Length does not match the body.");
        }
        // A body of unknown length goes upstream chunked.
        request.chunked = !endStream && request.contentLength < 0;
        return request;
    }

    /** A regular field: a lower-case token name, a value without control bytes or surrounding blanks, not hop-by-hop. */
    private static void checkField(String name, String value) throws ParsedRequest.Refused {
        if (name.isEmpty() || name.startsWith(":")) {
            throw malformed("Pseudo-header field after a regular one.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e || (c >= 'A' && c <= 'Z') || !HttpSyntax.isTokenChar((byte) c)) {
                throw malformed("Malformed header name.");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw malformed("Malformed header value.");
            }
        }
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            throw malformed("Header value with surrounding blanks.");
        }
        if (CONNECTION_SPECIFIC.contains(name) || (name.equals("te") && !value.equals("trailers"))) {
            throw malformed("Connection-specific header field " + name + ".");
        }
    }

    /** Origin form (or {@code *} for OPTIONS) with nothing an HTTP/1.1 request line could not carry as it is. */
    private static boolean validPath(String path, String method) {
        if (path.equals("*")) {
            return method.equals("OPTIONS");
        }
        if (!path.startsWith("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static long contentLength(String value, long earlier) throws ParsedRequest.Refused {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed("Malformed Content-Length.");
        }
        long length = Long.parseLong(value);
        if (earlier >= 0 && earlier != length) {
            throw malformed("Conflicting Content-Length fields.");
        }
        return length;
    }

    private static String once(String earlier, String value, String name) throws ParsedRequest.Refused {
        if (earlier != null) {
            throw malformed("More than one " + name + ".");
        }
        return value;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static ParsedRequest.Refused malformed(String message) {
        return new ParsedRequest.Refused(400, "Bad Request", message);
    }
}
