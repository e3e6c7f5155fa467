package org.openvault.backend.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvault.backend.Settings;
import org.openvault.backend.audit.AuditLog;
import org.openvault.backend.database.Database;

/**
 * Command: creates an administrator account, the first one of a new site in particular.
 * {@code java -cp 'backend/target/backend.jar:backend/target/libs/*' org.openvault.backend.auth.CreateAdmin
 * --username=NAME [--email=…] [--display-name=…] [--if-no-users] [--generate-password]} with the backend's database
 * settings (OV_DB_URL, OV_DB_USER, OV_DB_PASSWORD). The password comes from OV_ADMIN_PASSWORD or, when that is not set,
 * the first line of standard input; there is no default. {@code --generate-password} makes a random one and prints it
 * once. {@code --if-no-users} does nothing when any account exists (the local stack's first start creates one).
 * Exits with 0 when done (or nothing to do), 2 when refused.
 */
public final class CreateAdmin {

    /** Why the command refuses to go on: printed on standard error, exit code 2. */
    private static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> FLAGS = Set.of("username", "email", "display-name", "if-no-users",
            "generate-password");

    private CreateAdmin() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The command's work, with {@code env} as its environment variables (OV_DB_URL, OV_DB_USER, OV_DB_PASSWORD and
     * the other {@code ov.db} settings; OV_ADMIN_PASSWORD) and the given standard streams; answers the exit code.
     */
    static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            create(args, env, stdin, out);
            return 0;
        } catch (Refused e) {
            err.println("CreateAdmin: " + e.getMessage());
            return 2;
        }
    }

    private static void create(String[] args, Map<String, String> env, InputStream stdin, PrintStream out) {
        Map<String, String> flags = flags(args);
        String username = flags.get("username");
        if (username == null || username.isBlank()) {
            throw new Refused("--username=NAME is required");
        }
        if (!AccountRules.isUsername(username)) {
            throw new Refused(AccountRules.USERNAME_RULE);
        }
        String email = flags.getOrDefault("email", "");
        if (!email.isEmpty() && !AccountRules.isEmail(email)) {
            throw new Refused("--email=" + email + " is not an email address");
        }
        String displayName = flags.getOrDefault("display-name", "");
        if (displayName.codePointCount(0, displayName.length()) > 150) {
            throw new Refused("--display-name is longer than 150 characters");
        }
        try (Database database = Database.connect(Settings.of(env).get("ov.db"))) {
            UserRepository users = new UserRepository();
            if (flags.containsKey("if-no-users") && users.count(database.sql()) > 0) {
                out.println("Accounts exist already: no administrator created.");
                return;
            }
            boolean generate = flags.containsKey("generate-password");
            String password = generate ? SessionSecrets.newSecret("").substring(0, 24) : password(env, stdin);
            List<PasswordRules.Problem> problems = PasswordRules.problems(password, username);
            if (!problems.isEmpty()) {
                throw new Refused("the password is refused: " + problems.getFirst().detail());
            }
            String hash = new PasswordHasher(1, java.time.Duration.ofSeconds(30)).hash(password);
            User user = database.sql().inTransaction(tx -> {
                if (users.usernameTaken(tx, username)) {
                    throw new Refused("the username " + username + " is taken");
                }
                User created = users.create(tx, new UserRepository.NewUser(username, email, displayName,
                        Role.ADMINISTRATOR, hash));
                new AuditLog().record(tx, new AuditLog.Actor(null, "CreateAdmin command", "local"), "user.create",
                        new AuditLog.Subject("user", created.id(), created.username()), Map.of("role", "administrator"));
                return created;
            });
            out.printf("Administrator %s created (id %d).%n", user.username(), user.id());
            if (generate) {
                out.printf("Its password, shown only now: %s%n", password);
            }
        }
    }

    private static String password(Map<String, String> env, InputStream stdin) {
        String fromEnvironment = env.get("OV_ADMIN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null || line.isEmpty()) {
            throw new Refused("give the password in OV_ADMIN_PASSWORD or on standard input, or use --generate-password");
        }
        return line;
    }

    private static Map<String, String> flags(String[] args) {
        try {
            return Settings.flags(args, FLAGS);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }
}
