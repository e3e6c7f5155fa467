package org.openvault.backend.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvault.backend.BackendExtension;
import org.openvault.backend.admin.AdminApi;
import org.openvault.backend.admin.AdminFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.backend.admin.AdminApi.json;

/**
 * The CreateAdmin command against the test database (its settings given as OV_DB_* variables): where the password
 * comes from, the generated one, {@code --if-no-users}, and what it refuses (exit code 2, nothing created). The
 * accounts it makes log in over HTTP.
 */
class CreateAdminTest {

    @RegisterExtension
    static final BackendExtension backend = BackendExtension.withoutContentFixture();

    private static final String GOOD_PASSWORD = "violet lantern drifts upstream";

    /** What one run of the command did. */
    record Run(int status, String out, String err) {
    }

    private static Map<String, String> environment(String adminPassword) {
        Map<String, String> env = new HashMap<>();
        env.put("OV_DB_URL", backend.db().url());
        env.put("OV_DB_USER", backend.db().user());
        env.put("OV_DB_PASSWORD", backend.db().password());
        if (adminPassword != null) {
            env.put("OV_ADMIN_PASSWORD", adminPassword);
        }
        return env;
    }

    private static Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status = CreateAdmin.run(args, env, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long accounts(String username) {
        return backend.db().queryLong("SELECT count(*) FROM app_user WHERE lower(username) = lower('" + username + "')");
    }

    private static JsonNode logIn(String username, String password) {
        return json(AdminApi.anonymous(backend).from("203.0.113.61").logIn(username, password), 200);
    }

    @Test
    void createsAnAdministratorWithThePasswordFromOvAdminPassword() {
        Run run = run(environment(GOOD_PASSWORD), "", "--username=createadmin-env", "--email=root@example.org",
                "--display-name=First Admin");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Administrator createadmin-env created (id "), run.out());
        assertEquals("", run.err());
        assertFalse(run.out().contains(GOOD_PASSWORD), "the password it was given is not printed");

        JsonNode user = logIn("createadmin-env", GOOD_PASSWORD).get("user");
        assertEquals("administrator", user.get("role").asText());
        assertEquals("root@example.org", user.get("email").asText());
        assertEquals("First Admin", user.get("display_name").asText());
        assertTrue(user.get("active").asBoolean());
        assertTrue(run.out().contains("(id " + user.get("id").asLong() + ")"), run.out());

        long audited = backend.db().queryLong("SELECT count(*) FROM audit_log WHERE action = 'user.create'"
                + " AND object_type = 'user' AND object_id = '" + user.get("id").asLong() + "' AND user_id IS NULL"
                + " AND username = 'CreateAdmin command' AND client_address = 'local'"
                + " AND details->>'role' = 'administrator'");
        assertEquals(1, audited, "the creation is in the audit log");
    }

    @Test
    void takesThePasswordFromTheFirstLineOfStandardInputWithoutOvAdminPassword() {
        Run run = run(environment(null), GOOD_PASSWORD + "\nsecond line ignored\n", "--username=createadmin-stdin");
        assertEquals(0, run.status(), run.err());
        assertEquals("administrator", logIn("createadmin-stdin", GOOD_PASSWORD).at("/user/role").asText());

        Run empty = run(environment(""), "", "--username=createadmin-no-password");
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("OV_ADMIN_PASSWORD"), empty.err());
        assertEquals(0, accounts("createadmin-no-password"));
    }

    @Test
    void generatePasswordPrintsANewPasswordOnceAndItLogsIn() {
        Run run = run(environment(null), "", "--username=createadmin-generated", "--generate-password");
        assertEquals(0, run.status(), run.err());
        Matcher shown = Pattern.compile("Its password, shown only now: (\\S+)").matcher(run.out());
        assertTrue(shown.find(), run.out());
        String password = shown.group(1);
        assertTrue(password.length() >= PasswordRules.MIN_LENGTH, password);
        assertEquals(run.out().indexOf(password), run.out().lastIndexOf(password), "printed once");
        assertFalse(run.err().contains(password));
        assertEquals("administrator", logIn("createadmin-generated", password).at("/user/role").asText());
    }

    @Test
    void ifNoUsersDoesNothingWhenAccountsExist() {
        AdminFixture.createUser(backend.db(), "createadmin-existing", Role.EDITOR);
        Run run = run(environment(GOOD_PASSWORD), "", "--username=createadmin-if-no-users", "--if-no-users");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Accounts exist already"), run.out());
        assertEquals(0, accounts("createadmin-if-no-users"));
    }

    @Test
    void aWeakPasswordIsRefusedAndNothingIsCreated() {
        for (String weak : new String[] {"short", "Password1234!", "830274619502", "createadmin-weak is me"}) {
            Run run = run(environment(weak), "", "--username=createadmin-weak");
            assertEquals(2, run.status(), weak);
            assertTrue(run.err().startsWith("CreateAdmin: the password is refused"), run.err());
            assertEquals("", run.out());
        }
        assertEquals(0, accounts("createadmin-weak"));
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE object_title = 'createadmin-weak'"));
    }

    @Test
    void aTakenUsernameIsRefusedInAnyCase() {
        long id = AdminFixture.createUser(backend.db(), "createadmin-taken", Role.EDITOR);
        Run run = run(environment(GOOD_PASSWORD), "", "--username=CreateAdmin-Taken");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("taken"), run.err());
        assertEquals(1, accounts("createadmin-taken"));
        assertEquals("editor", logIn("createadmin-taken", AdminFixture.PASSWORD).at("/user/role").asText(),
                "the existing account is unchanged");
        assertEquals(0, backend.db().queryLong("SELECT count(*) FROM audit_log WHERE object_id = '" + id + "'"
                + " AND action = 'user.create'"));
    }

    @Test
    void anInvalidUsernameEmailOrDisplayNameIsRefusedLikeTheApiRefusesIt() {
        Run username = run(environment(GOOD_PASSWORD), "", "--username=createadmin bad!");
        assertEquals(2, username.status(), username.err());
        assertTrue(username.err().startsWith("CreateAdmin: "), username.err());
        assertEquals(0, accounts("createadmin bad!"));
        Run email = run(environment(GOOD_PASSWORD), "", "--username=createadmin-bad-email", "--email=not-an-email");
        assertEquals(2, email.status(), email.err());
        assertTrue(email.err().startsWith("CreateAdmin: "), email.err());
        assertEquals(0, accounts("createadmin-bad-email"));
        Run name = run(environment(GOOD_PASSWORD), "", "--username=createadmin-long-name",
                "--display-name=" + "n".repeat(151));
        assertEquals(2, name.status(), name.err());
        assertEquals(0, accounts("createadmin-long-name"));
    }

    @Test
    void missingOrUnknownArgumentsAreRefused() {
        Run none = run(environment(GOOD_PASSWORD), "");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--username=NAME is required"), none.err());
        Run blank = run(environment(GOOD_PASSWORD), "", "--username=");
        assertEquals(2, blank.status());
        Run stray = run(environment(GOOD_PASSWORD), "", "--username=createadmin-stray", "stray");
        assertEquals(2, stray.status());
        assertTrue(stray.err().contains("unknown argument stray"), stray.err());
        assertEquals(0, accounts("createadmin-stray"));
        Run mistyped = run(environment(GOOD_PASSWORD), "", "--username=createadmin-mistyped", "--display=Someone");
        assertEquals(2, mistyped.status());
        assertTrue(mistyped.err().contains("unknown flag --display"), mistyped.err());
        assertEquals(0, accounts("createadmin-mistyped"));
    }
}
