package org.openvault.backend.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Database;

/**
 * Command: creates an administrator account, the first one of a new site in particular.
 * {@code java -cp 'backend/target/backend.jar:backend/target/libs/*' org.openvault.backend.auth.CreateAdmin
 * --username=NAME [--email=…] [--display-name=…] [--if-no-users] [--generate-password]} with the backend's database
 * settings (OV_DB_URL, OV_DB_USER, OV_DB_PASSWORD). The password comes from OV_ADMIN_PASSWORD or, when that is not set,
 * the first line of standard input; there is no default. {@code --generate-password} makes a random one and prints it
 * once. {@code --if-no-users} does nothing when any account exists (the local stack's first start creates one).
 */
public final class CreateAdmin {

    private CreateAdmin() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> flags = flags(args);
        String username = flags.get("username");
        if (username == null || username.isBlank()) {
            fail("--username=NAME is required");
        }
        try (Database database = Database.connect(Config.create().get("ov.db"))) {
            UserRepository users = new UserRepository();
            if (flags.containsKey("if-no-users") && users.count(database.client().execute()) > 0) {
                System.out.println("Accounts exist already: no administrator created.");
                return;
            }
            boolean generate = flags.containsKey("generate-password");
            String password = generate ? SessionSecrets.newSecret("").substring(0, 24) : password();
            List<PasswordRules.Problem> problems = PasswordRules.problems(password, username);
            if (!problems.isEmpty()) {
                fail("the password is refused: " + problems.getFirst().detail());
            }
            String hash = new PasswordHasher(1, java.time.Duration.ofSeconds(30)).hash(password);
            User user = database.inTransaction(tx -> {
                if (users.usernameTaken(tx, username)) {
                    fail("the username " + username + " is taken");
                }
                User created = users.create(tx, new UserRepository.NewUser(username, flags.getOrDefault("email", ""),
                        flags.getOrDefault("display-name", ""), Role.ADMINISTRATOR, hash));
                new AuditLog().record(tx, new AuditLog.Actor(null, "CreateAdmin command", "local"), "user.create",
                        new AuditLog.Subject("user", created.id(), created.username()), Map.of("role", "administrator"));
                return created;
            });
            System.out.printf("Administrator %s created (id %d).%n", user.username(), user.id());
            if (generate) {
                System.out.printf("Its password, shown only now: %s%n", password);
            }
        }
    }

    private static String password() throws IOException {
        String fromEnvironment = System.getenv("OV_ADMIN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            fail("give the password in OV_ADMIN_PASSWORD or on standard input, or use --generate-password");
        }
        return line;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                fail("unknown argument " + arg);
            }
            int eq = arg.indexOf('=');
            flags.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return flags;
    }

    private static void fail(String message) {
        System.err.println("CreateAdmin: " + message);
        System.exit(2);
    }
}
