package org.openvault.backend.auth;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openvault.backend.admin.JsonFields;
import org.openvault.backend.validation.Violations;

/** The rules of account fields, shared by account creation, profile changes and password changes. */
final class AccountRules {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,150}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private AccountRules() {
    }

    static final String USERNAME_RULE = "a username has 1 to 150 letters, digits and the characters _ . @ + -";

    static String username(ObjectNode body, Violations violations) {
        String username = JsonFields.text(body, "", "username", "", 150, true, violations);
        if (!username.isEmpty() && !isUsername(username)) {
            violations.add("/username", "invalid_username", USERNAME_RULE);
        }
        return username;
    }

    static String email(ObjectNode body, String fallback, Violations violations) {
        String email = JsonFields.text(body, "", "email", fallback, 254, false, violations);
        if (!email.isEmpty() && !isEmail(email)) {
            violations.add("/email", "invalid_email", "not an email address");
        }
        return email;
    }

    /** Whether {@code username} has the form of a username (also checked by the database). */
    static boolean isUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    /** Whether {@code email} looks like an email address (at most 254 characters). */
    static boolean isEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    static Role role(ObjectNode body, Role fallback, Violations violations) {
        String key = JsonFields.text(body, "", "role", fallback == null ? "" : fallback.key(), 40, fallback == null,
                violations);
        return Role.fromKey(key).orElseGet(() -> {
            if (!key.isEmpty()) {
                violations.add("/role", "invalid_choice", "role is one of editor, moderator, administrator");
            }
            return fallback == null ? Role.EDITOR : fallback;
        });
    }

    /** A new password at {@code /<field>}, checked against the password rules. */
    static String newPassword(ObjectNode body, String field, String username, Violations violations) {
        String password = JsonFields.text(body, "", field, "", PasswordRules.MAX_LENGTH, true, violations);
        if (!password.isEmpty()) {
            for (PasswordRules.Problem problem : PasswordRules.problems(password, username)) {
                violations.add("/" + field, problem.code(), problem.detail());
            }
        }
        return password;
    }

    static void onlyKnown(ObjectNode body, Set<String> known, Violations violations) {
        JsonFields.onlyKnown(body, "", known, violations);
    }
}
