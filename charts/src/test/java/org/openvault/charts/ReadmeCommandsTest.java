package org.openvault.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's commands do what it says: every {@code java} command in its shell blocks and inline code runs, in the
 * README's order, with the README's flags and variables against a fresh database (placeholders such as {@code …}
 * filled with this machine's values), and succeeds; a flag a command does not know stops it, so a README naming a
 * wrong flag fails here. Every variable a command sets is a setting of that command's module, and every
 * {@code ./ov} subcommand the README names is one the script has. Runs the jars the reactor built before this
 * module ({@code mvn -pl testing,db,backend,charts verify}).
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCED_SHELL = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern ENV = Pattern.compile("[A-Z][A-Z0-9_]*=.*");
    private static final Pattern ADDED_FLAGS = Pattern.compile("#.*?\\badd ((?:--[a-z-]+(?:=\\S+)?\\s*)+)");
    private static final String ADMIN_PASSWORD = "readme commands run with this passphrase";

    /** One command of the README: its variables, its words (program first) and where it stands. */
    record Command(Map<String, String> env, List<String> words, String text) {

        boolean isJava() {
            return !words.isEmpty() && words.getFirst().equals("java");
        }

        /** The module whose code runs: {@code db} for {@code -jar db/target/db.jar}, {@code backend} for its classes. */
        String module() {
            String path = words.get(2);
            return path.substring(0, path.indexOf('/'));
        }
    }

    @Test
    void everyOvSubcommandTheReadmeNamesIsOneTheScriptHas() throws IOException {
        String script = Files.readString(ROOT.resolve("ov"));
        Set<String> subcommands = new LinkedHashSet<>();
        Matcher label = Pattern.compile("(?m)^\\s+([a-z][a-z-]*)\\) ").matcher(
                script.substring(script.lastIndexOf("case \"${1:-}\" in")));
        while (label.find()) {
            subcommands.add(label.group(1));
        }
        assertTrue(subcommands.containsAll(List.of("up", "test")), "subcommands read from ov: " + subcommands);
        Matcher named = Pattern.compile("\\./ov ([a-z][a-z-]*)").matcher(Files.readString(ROOT.resolve("README.md")));
        int checked = 0;
        while (named.find()) {
            checked++;
            assertTrue(subcommands.contains(named.group(1)), "the README names ./ov " + named.group(1)
                    + ", which ov does not have (it has " + subcommands + ")");
        }
        assertTrue(checked > 3, "./ov subcommands named in the README: " + checked);
    }

    @Test
    void everyJavaCommandRunsAsWrittenAgainstAFreshDatabase(@TempDir Path work) throws Exception {
        List<Command> commands = commands(Files.readString(ROOT.resolve("README.md"))).stream()
                .filter(Command::isJava).toList();
        List<String> mains = commands.stream().map(command -> command.words().get(3 - (command.words().get(1)
                .equals("-jar") ? 1 : 0))).toList();
        assertTrue(mains.containsAll(List.of("db/target/db.jar", "org.openvault.backend.auth.CreateAdmin",
                "org.openvault.backend.search.RebuildSearchIndex", "org.openvault.backend.images.CopyMediaToBucket")),
                "java commands found in the README: " + mains);
        TestDatabase db = TestDatabase.get();
        for (Command command : commands) {
            for (String variable : command.env().keySet()) {
                assertTrue(variable.startsWith("AWS_") || ReadmeSettingsTest.settings(command.module())
                                .containsKey(variable) || ReadmeSettingsTest.readByName(command.module(), variable),
                        command.text() + ": " + variable + " is no setting of " + command.module());
            }
            Finished run = run(command, db, work);
            assertEquals(0, run.status(), command.text() + "\n" + run.output());
        }
        assertEquals(1, db.queryLong("SELECT count(*) FROM app_user WHERE username = 'readme-admin'"
                + " AND role = 'administrator'"), "CreateAdmin made the README's account");
        assertTrue(db.queryLong("SELECT count(*) FROM page WHERE live") > 5, "--demo loaded the demo pages");
    }

    @Test
    void aFlagTheCommandDoesNotKnowStopsIt(@TempDir Path work) throws Exception {
        TestDatabase db = TestDatabase.get();
        for (String text : List.of("java -jar db/target/db.jar --demo-files --media-roots=typo",
                "OV_DB_URL=… OV_ADMIN_PASSWORD=… java -cp 'backend/target/backend.jar:backend/target/libs/*'"
                        + " org.openvault.backend.auth.CreateAdmin --username=NAME --mail=someone@example.org")) {
            Finished run = run(commands("```sh\n" + text + "\n```").getFirst(), db, work);
            assertNotEquals(0, run.status(), text + "\n" + run.output());
            assertTrue(run.output().toLowerCase().contains("unknown"), run.output());
        }
        assertFalse(Files.exists(work.resolve(".ov")) || Files.exists(work.resolve("typo")),
                "no demo files drawn for a mistyped media root");
    }

    /** The commands of the README's shell blocks, then of its inline code, in the order they stand. */
    static List<Command> commands(String markdown) {
        List<String> texts = new ArrayList<>();
        Matcher block = FENCED_SHELL.matcher(markdown);
        StringBuilder prose = new StringBuilder();
        int last = 0;
        while (block.find()) {
            prose.append(markdown, last, block.start());
            last = block.end();
            for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
                texts.add(line.strip());
            }
        }
        prose.append(markdown.substring(last));
        Matcher inline = INLINE.matcher(prose);
        while (inline.find()) {
            texts.add(inline.group(1).strip());
        }
        List<Command> commands = new ArrayList<>();
        for (String text : texts) {
            if (!text.isEmpty() && !text.startsWith("#")) {
                commands.add(command(text));
            }
        }
        return commands;
    }

    private static Command command(String text) {
        List<String> words = words(text.replaceAll("\\s+#.*$", ""));
        Matcher added = ADDED_FLAGS.matcher(text);
        if (added.find()) {
            words.addAll(List.of(added.group(1).strip().split("\\s+")));
        }
        Map<String, String> env = new LinkedHashMap<>();
        while (!words.isEmpty() && ENV.matcher(words.getFirst()).matches()) {
            String assignment = words.removeFirst();
            env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        // An optional flag in brackets ([--email=…]) is given: it is part of what the README promises.
        words.replaceAll(word -> word.replaceAll("^\\[(--.*)]$", "$1"));
        return new Command(env, words, text);
    }

    /** Shell words: split at white space outside quotes, quotes removed. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private record Finished(int status, String output) {
    }

    /**
     * Runs a README command in {@code work} with this machine's values for what the README leaves open or what only
     * holds on a server (the database, folders, the first administrator's name); everything else as written.
     */
    private static Finished run(Command command, TestDatabase db, Path work) throws Exception {
        Map<String, String> machine = Map.of("url", db.url(), "user", db.user(), "password", db.password(),
                "media-root", work.resolve("media").toString(), "from", work.resolve("empty").toString(),
                "username", "readme-admin", "email", "readme-admin@example.org", "display-name", "README admin");
        Map<String, String> variables = Map.of("OV_DB_URL", db.url(), "OV_DB_USER", db.user(), "OV_DB_PASSWORD",
                db.password(), "OV_ADMIN_PASSWORD", ADMIN_PASSWORD, "AWS_PROFILE", "readme-test");
        Files.createDirectories(work.resolve("empty"));
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> words = command.words();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (i == 2) {
                word = built(word);
            }
            Matcher flag = Pattern.compile("--([a-z-]+)=(.*)").matcher(word);
            if (flag.matches() && machine.containsKey(flag.group(1))) {
                word = "--" + flag.group(1) + "=" + machine.get(flag.group(1));
            }
            assertFalse(word.contains("…"), command.text() + ": the test has no value for " + word);
            argv.add(word);
        }
        ProcessBuilder process = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true);
        process.environment().keySet().removeIf(name -> name.startsWith("OV_") || name.startsWith("AWS_"));
        command.env().forEach((name, value) -> {
            String given = variables.getOrDefault(name, value);
            assertFalse(given.contains("…"), command.text() + ": the test has no value for " + name);
            process.environment().put(name, given);
        });
        Process running = process.start();
        running.getOutputStream().close();
        if (!running.waitFor(120, TimeUnit.SECONDS)) {
            running.destroyForcibly();
            throw new AssertionError(command.text() + ": still running after 120 s");
        }
        return new Finished(running.exitValue(), new String(running.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    /**
     * The README's jar or class path with each entry made absolute; its jars must be at least as new as their
     * module's sources (the reactor builds db and backend before this module).
     */
    private static String built(String classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            Path path = ROOT.resolve(entry.replace("/*", ""));
            if (entry.endsWith(".jar")) {
                assertTrue(Files.exists(path), path + " is missing: build it in the same reactor (mvn -pl testing,"
                        + entry.substring(0, entry.indexOf('/')) + ",charts verify)");
                Path sources = ROOT.resolve(entry.substring(0, entry.indexOf('/'))).resolve("src/main");
                assertTrue(Files.getLastModifiedTime(path).compareTo(newest(sources)) >= 0,
                        path + " is older than its sources: build it in the same reactor");
            }
            entries.add(ROOT.resolve(entry).toString());
        }
        return String.join(":", entries);
    }

    private static FileTime newest(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.getLastModifiedTime(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }
}
