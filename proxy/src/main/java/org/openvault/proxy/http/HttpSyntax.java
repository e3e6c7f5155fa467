package org.openvault.proxy.http;

/** The character classes of HTTP/1.1 messages (RFC 9110, 5.6.2 and 5.5), shared by every parser of the proxy. */
public final class HttpSyntax {

    private HttpSyntax() {
    }

    /** Whether {@code b} may appear in a token: a method, a header name, a transfer coding. */
    public static boolean isTokenChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }
}
