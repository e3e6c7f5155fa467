package org.openvault.proxy.http;

import java.util.List;
import java.util.Locale;

/** The character classes of HTTP/1.1 messages (RFC 9110, 5.6.2 and 5.5), shared by every parser of the proxy. */
public final class HttpSyntax {

    private HttpSyntax() {
    }

    /** Whether one of the comma-separated lists in {@code values} holds {@code token} (case-insensitive). */
    public static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String item : value.split(",")) {
                if (item.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a request asks to become a WebSocket (RFC 6455, 4.1): GET with {@code Connection: Upgrade} and {@code Upgrade: websocket}. */
    public static boolean webSocketHandshake(String method, List<String> connection, List<String> upgrade) {
        return method.equals("GET") && hasToken(connection, "upgrade") && hasToken(upgrade, "websocket");
    }

    /** Whether {@code b} may appear in a token: a method, a header name, a transfer coding. */
    public static boolean isTokenChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }
}
