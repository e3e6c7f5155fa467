package org.openvault.backend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Editors' passwords as argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), stored in the PHC string form that
 * libargon2 writes: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (standard Base64, no padding).
 * A hash costs ~19 MiB and tens of milliseconds of a core, so at most {@code maxConcurrent} run at once and a caller
 * waits at most {@code maxWait} for a turn before getting {@link HashingBusyException}.
 */
public final class PasswordHasher {

    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    // Bounds on what a stored hash may ask for: a corrupted row must not cost a login minutes or gigabytes.
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ITERATIONS = 32;
    private static final int MAX_PARALLELISM = 16;

    // Only argon2id version 0x13 (what libargon2 has written since 2016); digits are ASCII and short, so no overflow.
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    // What an unknown user's login is checked against: current parameters, an all-zero hash that never matches.
    private static final Params DUMMY = new Params(MEMORY_KIB, ITERATIONS, PARALLELISM, newSalt(), new byte[HASH_BYTES]);

    private final Semaphore permits;
    private final long maxWaitNanos;
    private final Runnable whileHoldingPermit;

    /** At most {@code maxConcurrent} hashes at once; a caller that gets no turn within {@code maxWait} is refused. */
    public PasswordHasher(int maxConcurrent, Duration maxWait) {
        this(maxConcurrent, maxWait, () -> { });
    }

    /** For tests: {@code whileHoldingPermit} runs inside every hashing slot, before the work. */
    PasswordHasher(int maxConcurrent, Duration maxWait, Runnable whileHoldingPermit) {
        if (maxConcurrent < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1 and maxWait >= 0");
        }
        this.permits = new Semaphore(maxConcurrent, true); // fair: a waiting login is not overtaken by newer ones
        this.maxWaitNanos = TimeUnit.NANOSECONDS.convert(maxWait); // saturates instead of overflowing
        this.whileHoldingPermit = Objects.requireNonNull(whileHoldingPermit);
    }

    /** From {@code ov.auth}: {@code max-concurrent-hashes} (default 2) and {@code hash-wait-millis} (default 2000). */
    public static PasswordHasher fromConfig(Config auth) {
        return new PasswordHasher(auth.get("max-concurrent-hashes").asInt().orElse(2),
                Duration.ofMillis(auth.get("hash-wait-millis").asLong().orElse(2000L)));
    }

    /** A new PHC string for {@code password}, with a fresh random salt. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = newSalt();
        Params params = new Params(MEMORY_KIB, ITERATIONS, PARALLELISM, salt, null);
        return params.encode(argon2(password, params, HASH_BYTES));
    }

    /** Whether {@code password} matches {@code encoded}, with the parameters written in it; false for a malformed one. */
    public boolean verify(String password, String encoded) {
        Params stored = parse(encoded);
        if (password == null || stored == null) {
            return false;
        }
        byte[] computed = argon2(password, stored, stored.hash().length);
        return MessageDigest.isEqual(computed, stored.hash()); // constant time: leaks nothing about the stored hash
    }

    /** Whether {@code encoded} was made with other parameters than today's (or cannot be read): hash again on login. */
    public boolean needsRehash(String encoded) {
        Params stored = parse(encoded);
        return stored == null || stored.memoryKib() != MEMORY_KIB || stored.iterations() != ITERATIONS
                || stored.parallelism() != PARALLELISM || stored.salt().length != SALT_BYTES
                || stored.hash().length != HASH_BYTES;
    }

    /** Spends a verify's work for a user that does not exist, so the answer's timing does not tell that. */
    public void verifyAgainstNothing(String password) {
        argon2(password == null ? "" : password, DUMMY, HASH_BYTES);
    }

    /** argon2id over the UTF-8 bytes of {@code password}, inside a hashing slot. */
    private byte[] argon2(String password, Params params, int hashLength) {
        acquire();
        byte[] bytes = null;
        try {
            whileHoldingPermit.run();
            bytes = password.getBytes(StandardCharsets.UTF_8);
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(params.memoryKib())
                    .withIterations(params.iterations())
                    .withParallelism(params.parallelism())
                    .withSalt(params.salt())
                    .build());
            byte[] out = new byte[hashLength];
            generator.generateBytes(bytes, out);
            return out;
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0); // don't leave the password lying in the heap longer than needed
            }
            permits.release();
        }
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new HashingBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the interrupt for whoever owns the thread
            throw new HashingBusyException();
        }
    }

    /** The parts of an argon2id v19 PHC string within our bounds, or null for anything else. */
    private static Params parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return null;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(m.group(4));
            hash = Base64.getDecoder().decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return null; // e.g. a length that no unpadded Base64 has
        }
        boolean sane = parallelism >= 1 && parallelism <= MAX_PARALLELISM
                && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB // argon2 needs 8 KiB per lane
                && iterations >= 1 && iterations <= MAX_ITERATIONS
                && salt.length >= 8 && hash.length >= 16;
        return sane ? new Params(memory, iterations, parallelism, salt, hash) : null;
    }

    private static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The parameters, salt and (when parsed) hash of one PHC string. */
    private record Params(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        String encode(byte[] computed) {
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                    + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(computed);
        }
    }
}
