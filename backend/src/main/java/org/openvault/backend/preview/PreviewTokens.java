package org.openvault.backend.preview;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.config.Config;

/**
 * Signed, expiring preview tokens of the shape {@code <subject>:<timestamp>:<signature>}
 * (e.g. {@code id=12:1tXyZa:…}), so the site's {@code token.split(':')[0]} finds the page id.
 * The signature is HMAC-SHA256 over subject and timestamp with the configured secret.
 */
public final class PreviewTokens {

    private static final Logger LOG = Logger.getLogger(PreviewTokens.class.getName());
    private static final String SALT = "headlesspreview.token:";

    /** Why a token was refused. */
    public enum Problem { INVALID, EXPIRED }

    /** A refused token. */
    public static final class RefusedException extends RuntimeException {

        private final Problem problem;

        RefusedException(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private final byte[] secret;
    private final Duration maxAge;
    private final Clock clock;

    public PreviewTokens(byte[] secret, Duration maxAge, Clock clock) {
        this.secret = secret.clone();
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The shortest secret accepted in production: as long as the HMAC-SHA256 key it becomes. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * From {@code ov.preview.secret} and {@code ov.preview.max-age-seconds}. In {@code production} the secret must be
     * set and at least {@link #MIN_SECRET_BYTES} bytes long, or the backend refuses to start: a random secret per
     * process would make every replica refuse the others' tokens and every restart void them. Elsewhere a missing
     * secret becomes a random one, with a warning.
     */
    public static PreviewTokens fromConfig(Config preview, boolean production) {
        String configured = preview.get("secret").asString().orElse("");
        byte[] secret = configured.getBytes(StandardCharsets.UTF_8);
        if (production && secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("ov.preview.secret (OV_PREVIEW_SECRET) is "
                    + (configured.isEmpty() ? "not set" : "shorter than " + MIN_SECRET_BYTES + " bytes")
                    + ", and ov.production (OV_PRODUCTION) is true: set it to the same random value of at least "
                    + MIN_SECRET_BYTES + " bytes on every backend (openssl rand -hex 32)");
        }
        if (configured.isBlank()) {
            secret = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            LOG.warning("ov.preview.secret (OV_PREVIEW_SECRET) is not set: using a random secret. Preview tokens will "
                    + "not survive a restart and will not work across replicas. Set it in production.");
        }
        return new PreviewTokens(secret, Duration.ofSeconds(preview.get("max-age-seconds").asLong().orElse(86400L)),
                Clock.systemUTC());
    }

    /** A signed token and the moment it stops being accepted. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A token for {@code subject}, e.g. {@code id=12} or {@code parent_id=3;page_type=exhibits.ExhibitPage}. */
    public String sign(String subject) {
        return issue(subject).token();
    }

    /** {@link #sign}, also telling when the token expires. */
    public Issued issue(String subject) {
        long issued = clock.instant().getEpochSecond();
        String signed = subject + ":" + Long.toString(issued, 36);
        return new Issued(signed + ":" + signature(signed), Instant.ofEpochSecond(issued).plus(maxAge));
    }

    /** Checks signature and age; answers the subject or throws {@link RefusedException}. */
    public String verify(String token) {
        int last = token.lastIndexOf(':');
        int previous = last < 0 ? -1 : token.lastIndexOf(':', last - 1);
        if (previous <= 0) {
            throw new RefusedException(Problem.INVALID);
        }
        String signed = token.substring(0, last);
        byte[] expected = signature(signed).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new RefusedException(Problem.INVALID);
        }
        long issued;
        try {
            issued = Long.parseLong(token.substring(previous + 1, last), 36);
        } catch (NumberFormatException e) {
            throw new RefusedException(Problem.INVALID);
        }
        if (clock.instant().getEpochSecond() - issued > maxAge.toSeconds()) {
            throw new RefusedException(Problem.EXPIRED);
        }
        return token.substring(0, previous);
    }

    private String signature(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((SALT + signed).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
