package org.openvault.backend.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** argon2id hashes in PHC form, their interoperability with libargon2, and the bound on concurrent hashing. */
class PasswordHasherTest {

    private static final String PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";
    private static final String PASSWORD = "correct horse battery staple";

    // Written by the reference implementation's CLI (Debian's argon2 0~20171227), e.g.
    // echo -n "password" | argon2 somesaltsomesalt -id -k 19456 -t 2 -p 1 -l 32 -e
    private static final String CLI_CURRENT =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
    // echo -n "password" | argon2 somesaltsomesalt -id -m 15 -t 2 -p 1 -e
    private static final String CLI_32MIB =
            "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$IX8rTqp0d9Pu37QS7l1Ix06hxksaav9Ey5Ztp+RIRS8";
    // echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -k 8192 -t 1 -p 2 -l 32 -e
    private static final String CLI_TWO_LANES =
            "$argon2id$v=19$m=8192,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$DKQJgl8HbTJQElLjl4hl4G/uOVK/lSz4ePwqhUgm/28";
    // printf '%s' 'Pässwörd-Ünïcødé-🎨' | argon2 'saltysaltysalty!' -id -k 8192 -t 1 -p 1 -l 32 -e (UTF-8 input)
    private static final String CLI_UNICODE =
            "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHlzYWx0eXNhbHR5IQ$QJL/+ehaxrxoqThGsKBYuMiybiebr5kXw2ER75JDKC8";
    private static final String UNICODE_PASSWORD = "P\u00e4ssw\u00f6rd-\u00dcn\u00efc\u00f8d\u00e9-\uD83C\uDFA8";

    private final PasswordHasher hasher = new PasswordHasher(2, Duration.ofSeconds(30));

    @Test
    void verifiesTheHashOfThePasswordOnly() {
        String encoded = hasher.hash(PASSWORD);
        assertTrue(hasher.verify(PASSWORD, encoded));
        assertFalse(hasher.verify("Correct horse battery staple", encoded));
        assertFalse(hasher.verify("", encoded));
        assertFalse(hasher.verify(null, encoded));
        assertFalse(hasher.needsRehash(encoded));
    }

    @Test
    void writesThePhcStringOfOwaspParametersWithASaltOfItsOwn() {
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);
        assertNotEquals(first, second);
        assertTrue(hasher.verify(PASSWORD, second));
        for (String encoded : List.of(first, second)) {
            assertTrue(encoded.startsWith(PREFIX), encoded);
            String[] parts = encoded.substring(PREFIX.length()).split("\\$");
            assertEquals(2, parts.length, encoded);
            assertFalse(encoded.contains("=$") || encoded.endsWith("="), "no Base64 padding: " + encoded);
            assertEquals(16, Base64.getDecoder().decode(parts[0]).length);
            assertEquals(32, Base64.getDecoder().decode(parts[1]).length);
        }
    }

    @Test
    void matchesTheReferenceImplementationByteForByte() {
        assertEquals(CLI_CURRENT, phc("password", "somesaltsomesalt", 19456, 2, 1));
        assertTrue(hasher.verify("password", CLI_CURRENT));
        assertFalse(hasher.needsRehash(CLI_CURRENT));
        assertTrue(hasher.verify("password", CLI_32MIB));
        assertTrue(hasher.verify(PASSWORD, CLI_TWO_LANES));
        assertTrue(hasher.verify(UNICODE_PASSWORD, CLI_UNICODE));
        assertFalse(hasher.verify("passwordd", CLI_32MIB));
        assertFalse(hasher.verify("P\u00e4ssword", CLI_UNICODE));
    }

    @Test
    void verifiesHashesMadeWithOtherParametersAndAsksForARehash() {
        String old = phc(PASSWORD, "an older salt!!!", 8192, 1, 1);
        assertTrue(hasher.verify(PASSWORD, old));
        assertFalse(hasher.verify("correct horse battery stapler", old));
        assertTrue(hasher.needsRehash(old));
        assertTrue(hasher.needsRehash(CLI_32MIB));
        assertTrue(hasher.needsRehash(CLI_TWO_LANES));
    }

    @Test
    void answersFalseForWhatIsNotAnArgon2idPhcString() {
        String salt = "c29tZXNhbHRzb21lc2FsdA";
        String hash = "K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
        List<String> malformed = new ArrayList<>(List.of(
                "", "password", "$", "$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
                "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2d$v=19$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$t=2,m=19456,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash + "$",
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash + "\n",
                " $argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "==$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash.substring(1),   // no Base64 has this length
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + hash.replace('+', '-'), // URL-safe alphabet
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZQ$" + hash,                       // 4-byte salt
                "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$c2hvcnQ",                 // 5-byte hash
                "$argon2id$v=19$m=0,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=7,t=1,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=9999999,t=2,p=1$" + salt + "$" + hash,               // ~10 GB
                "$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=999,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=-1$" + salt + "$" + hash,
                "$argon2id$v=19$m=19456,t=2,p=100$" + salt + "$" + hash,
                "$argon2id$v=19$m=99999999999999999999,t=2,p=1$" + salt + "$" + hash,
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"));
        malformed.add(null);
        for (String encoded : malformed) {
            assertFalse(hasher.verify("password", encoded), String.valueOf(encoded));
            assertTrue(hasher.needsRehash(encoded), String.valueOf(encoded));
        }
    }

    @Test
    void spendsTheWorkOfAVerifyForAnUnknownUser() {
        hasher.verifyAgainstNothing(PASSWORD);
        hasher.verifyAgainstNothing(null);
    }

    @Test
    void oneSlotRefusesEveryoneElseWithoutWaiting() throws Exception {
        assertBoundHolds(1);
    }

    @Test
    void twoSlotsLetTwoHashAndRefuseTheRest() throws Exception {
        assertBoundHolds(2);
    }

    @Test
    void aCallerThatMayWaitGetsTheSlotWhenItFrees() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordHasher patient = new PasswordHasher(1, Duration.ofMinutes(1), () -> {
            entered.countDown();
            await(release);
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> holder = pool.submit(() -> patient.hash(PASSWORD));
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            Future<Boolean> waiter = pool.submit(() -> patient.verify(PASSWORD, CLI_TWO_LANES));
            release.countDown();
            assertTrue(patient.verify(PASSWORD, holder.get(30, TimeUnit.SECONDS)));
            assertTrue(waiter.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsItsBoundsFromConfig() {
        PasswordHasher configured = PasswordHasher.fromConfig(Config.just(ConfigSources.create(Map.of(
                "max-concurrent-hashes", "1", "hash-wait-millis", "0"))));
        assertTrue(configured.verify("password", configured.hash("password")));
        PasswordHasher defaults = PasswordHasher.fromConfig(Config.empty());
        assertTrue(defaults.verify("password", CLI_CURRENT));
    }

    @Test
    void refusesNonsenseBounds() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(1, Duration.ofMillis(-1)));
    }

    /**
     * {@code bound} callers take every slot and are held inside; then 8 more start at once with no wait allowed: all 8
     * must be refused, and never more than {@code bound} callers are inside. Deterministic: nothing depends on timing.
     */
    private static void assertBoundHolds(int bound) throws Exception {
        int others = 8;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch holdersIn = new CountDownLatch(bound);
        CountDownLatch release = new CountDownLatch(1);
        PasswordHasher bounded = new PasswordHasher(bound, Duration.ZERO, () -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            holdersIn.countDown();
            await(release);
            inside.decrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(bound + others);
        try {
            List<Future<String>> holders = new ArrayList<>();
            for (int i = 0; i < bound; i++) {
                holders.add(pool.submit(() -> bounded.hash(PASSWORD)));
            }
            assertTrue(holdersIn.await(30, TimeUnit.SECONDS), "the holders got their slots");

            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                rest.add(pool.submit(() -> {
                    await(start);
                    return bounded.hash(PASSWORD);
                }));
            }
            start.countDown();
            int busy = 0;
            for (Future<String> refused : rest) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
                assertInstanceOf(HashingBusyException.class, e.getCause());
                busy++;
            }
            assertEquals(others, busy);

            release.countDown();
            for (Future<String> holder : holders) {
                assertTrue(bounded.verify(PASSWORD, holder.get(30, TimeUnit.SECONDS)));
            }
            assertEquals(bound, mostInside.get(), "never more callers inside than slots");
            assertEquals(0, inside.get());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PHC string Bouncy Castle computes directly, independent of {@link PasswordHasher}. */
    private static String phc(String password, String salt, int memoryKib, int iterations, int parallelism) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(saltBytes)
                .build());
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + base64.encodeToString(saltBytes) + "$" + base64.encodeToString(hash);
    }
}
