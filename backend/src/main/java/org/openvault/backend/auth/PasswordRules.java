package org.openvault.backend.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an editor's new password must be (NIST SP 800-63B style: length and a blocklist, no composition rules):
 * 12 to 1024 characters, not only digits, not a well-known password (also with digits or punctuation appended), and
 * not containing the username. The blocklist is {@code auth/common-passwords.txt}, shipped in the jar.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    private static final String COMMON_PASSWORDS = "/auth/common-passwords.txt";

    /** One broken rule: a stable machine code ({@code too_short}, {@code too_common}…) and a sentence for the editor. */
    public record Problem(String code, String detail) {
    }

    private PasswordRules() {
    }

    /** Every rule {@code password} breaks for the account {@code username} (may be null); empty: acceptable. */
    public static List<Problem> problems(String password, String username) {
        String pw = password == null ? "" : password;
        int length = pw.codePointCount(0, pw.length()); // characters as people count them, not UTF-16 units
        List<Problem> found = new ArrayList<>();
        if (length < MIN_LENGTH) {
            found.add(new Problem("too_short", "Use at least " + MIN_LENGTH + " characters."));
        }
        if (length > MAX_LENGTH) {
            // Bounds the hashing input; nobody types more.
            found.add(new Problem("too_long", "Use at most " + MAX_LENGTH + " characters."));
        }
        if (!pw.isEmpty() && pw.codePoints().allMatch(Character::isDigit)) {
            found.add(new Problem("all_digits", "Use more than digits."));
        }
        if (isCommon(pw)) {
            found.add(new Problem("too_common", "This is one of the most common passwords; choose another."));
        }
        String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (user.codePointCount(0, user.length()) >= 3 && pw.toLowerCase(Locale.ROOT).contains(user)) {
            found.add(new Problem("same_as_username", "Don't use your username in your password."));
        }
        return List.copyOf(found);
    }

    /** The whole password, or it without trailing digits and punctuation ("Password1234!"), is in the list. */
    private static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        int end = lower.length();
        while (end > 0 && !Character.isLetter(lower.codePointBefore(end))) {
            end -= Character.charCount(lower.codePointBefore(end));
        }
        Set<String> common = Common.PASSWORDS;
        return common.contains(lower) || (end > 0 && common.contains(lower.substring(0, end)));
    }

    /** The shipped blocklist, for tests. */
    static Set<String> commonPasswords() {
        return Common.PASSWORDS;
    }

    /** Loaded on first use only (lazy holder): ~30,000 entries. */
    private static final class Common {

        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            InputStream in = PasswordRules.class.getResourceAsStream(COMMON_PASSWORDS);
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
            }
            Set<String> words = new HashSet<>(65536);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String word = line.strip();
                    if (!word.isEmpty() && !word.startsWith("#")) { // '#' lines name the source
                        words.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Collections.unmodifiableSet(words);
        }
    }
}
