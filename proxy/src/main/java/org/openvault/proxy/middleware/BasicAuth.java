package org.openvault.proxy.middleware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.openvault.proxy.routing.Exchange;
import org.openvault.proxy.routing.Middleware;

/** HTTP basic authentication against htpasswd-style entries (bcrypt {@code $2y$…} or {@code {SHA}…}); 401 otherwise. */
final class BasicAuth implements Middleware {

    private final Map<String, String> users;
    private final String challenge;
    private final boolean removeHeader;

    BasicAuth(Map<String, String> users, String realm, boolean removeHeader) {
        this.users = Map.copyOf(users);
        this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
        this.removeHeader = removeHeader;
    }

    static boolean supported(String hash) {
        return hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}") || hash.startsWith("{SHA}");
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        String authorization = exchange.request().headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6) || !valid(authorization.substring(6).trim())) {
            exchange.editResponseHeaders(headers -> headers.set(HeaderNames.WWW_AUTHENTICATE, challenge));
            exchange.sendError(Status.UNAUTHORIZED_401, "Authentication required.");
            return;
        }
        if (removeHeader) {
            exchange.upstreamHeader(HeaderNames.AUTHORIZATION, "");
        }
        next.proceed(exchange);
    }

    private boolean valid(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String hash = users.get(decoded.substring(0, colon));
        String password = decoded.substring(colon + 1);
        if (hash == null) {
            return false;
        }
        if (hash.startsWith("{SHA}")) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(hash.substring(5).getBytes(StandardCharsets.US_ASCII),
                        Middlewares.base64(digest).getBytes(StandardCharsets.US_ASCII));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash.replaceFirst("^\\$2y\\$", "\\$2b\\$"), password.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
