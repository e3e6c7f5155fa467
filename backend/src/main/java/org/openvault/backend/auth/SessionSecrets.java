package org.openvault.backend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The random secrets of sessions, bearer tokens and CSRF tokens, and the one-way form they are stored in. */
public final class SessionSecrets {

    /** Bearer tokens start with this, so they are recognisable in logs and by secret scanners. */
    public static final String TOKEN_PREFIX = "ov_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionSecrets() {
    }

    /** 256 random bits, URL-safe base64 (43 characters), after {@code prefix}. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the secret: what the database keeps (a fast hash suffices for 256 random bits). */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
