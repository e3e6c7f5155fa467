package org.openvault.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration table is what operators (and this chart's templates) set: every variable it names for a
 * service is a key of that service's application.yaml (upper case, dots and dashes as underscores) or is read by name
 * in its code, and the default it states is the yaml's.
 */
class ReadmeSettingsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> MODULES = Map.of("db (migrate)", "db", "backend", "backend",
            "frontend", "frontend", "proxy", "proxy");
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+?) \\| `([A-Z0-9_]+)` \\| ([^|]*?) \\|",
            Pattern.MULTILINE);

    @Test
    void everyVariableOfTheTableIsReadByItsServiceWithTheStatedDefault() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher row = ROW.matcher(readme.substring(readme.indexOf("## Configuration")));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        while (row.find()) {
            String module = MODULES.get(row.group(1).strip());
            if (module == null) {
                continue;
            }
            checked++;
            String variable = row.group(2);
            Map<String, Object> keys = settings(module);
            if (keys.containsKey(variable)) {
                String stated = row.group(3).strip().replace("`", "");
                String actual = String.valueOf(keys.get(variable)).replaceAll("^\\[(.*)]$", "$1");
                boolean empty = actual.isEmpty() || actual.equals("null");
                if (!(stated.startsWith("empty") ? empty : stated.equals(actual))) {
                    problems.add(module + " " + variable + ": the README says " + stated + ", the yaml " + actual);
                }
            } else if (!readByName(module, variable)) {
                problems.add(module + " " + variable + ": no key of the yaml, and its code never names it");
            }
        }
        assertTrue(checked > 40, "the table has its rows: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The service's yaml keys by their variable names, with their values. */
    static Map<String, Object> settings(String module) throws IOException {
        Path yaml = ROOT.resolve(module).resolve("src/main/resources/application.yaml");
        Map<String, Object> keys = new HashMap<>();
        if (Files.exists(yaml)) {
            flatten("", new Yaml().load(Files.readString(yaml)), keys);
        }
        return keys;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child,
                    into));
        } else {
            into.put(prefix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
        }
    }

    static boolean readByName(String module, String variable) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
            return files.filter(Files::isRegularFile).anyMatch(file -> contains(file, variable))
                    || contains(ROOT.resolve("ov"), variable);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (MalformedInputException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
