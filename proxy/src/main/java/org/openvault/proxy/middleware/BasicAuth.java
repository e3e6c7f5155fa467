package org.openvault.proxy.middleware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** HTTP basic authentication against htpasswd-style entries (bcrypt {@code $2y$…} or {@code {SHA}…}); 401 otherwise. */
final class BasicAuth implements Middleware {

    private static final HeaderChange REMOVE_AUTHORIZATION = new HeaderChange("Authorization", "");

    private final Map<String, String> users;
    private final Answer challenge;
    private final boolean removeHeader;

    BasicAuth(Map<String, String> users, String realm, boolean removeHeader) {
        this.users = Map.copyOf(users);
        this.challenge = new Answer(401, "Unauthorized", List.of(new HeaderChange("WWW-Authenticate",
                "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"")), "Authentication required.");
        this.removeHeader = removeHeader;
    }

    static boolean supported(String hash) {
        return hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}") || hash.startsWith("{SHA}");
    }

    @Override
    public Answer apply(Forwarding forwarding) {
        List<String> values = forwarding.request().header("authorization");
        String authorization = values.isEmpty() ? "" : values.getFirst();
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6) || !valid(authorization.substring(6).trim())) {
            return challenge;
        }
        if (removeHeader) {
            forwarding.upstreamHeader(REMOVE_AUTHORIZATION);
        }
        return null;
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
