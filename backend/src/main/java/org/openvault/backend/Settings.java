package org.openvault.backend;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;

/**
 * The backend's settings, read alike by the server and its commands: environment variables over system properties
 * over {@code application.yaml}.
 * <p>
 * A variable is named after its key, upper-cased, with dots and dashes as underscores:
 * {@code ov.db.connect-timeout-seconds} is {@code OV_DB_CONNECT_TIMEOUT_SECONDS}. Helidon alone maps underscores to
 * dots only, which would leave every key with a dash out of reach, so each key of {@code application.yaml} is looked
 * up under its variable name here.
 */
public final class Settings {

    private Settings() {
    }

    /** The settings with {@code env} as the environment variables (the process's own: {@code System.getenv()}). */
    public static Config of(Map<String, String> env) {
        Config defaults = Config.just(ConfigSources.classpath("application.yaml"));
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(ConfigSources.create(variablesOfKnownKeys(defaults, env)),
                        ConfigSources.create(EnvironmentVariables.expand(env)), ConfigSources.systemProperties(),
                        // The file as read above, not parsed a second time.
                        ConfigSources.create(defaults)))
                .build();
    }

    /** The value of each key of {@code defaults} whose variable {@code env} sets, under the key itself. */
    static Map<String, String> variablesOfKnownKeys(Config defaults, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        defaults.traverse().filter(Config::isLeaf).forEach(node -> {
            String key = node.key().toString();
            String value = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            if (value != null) {
                values.put(key, value);
            }
        });
        return values;
    }

    /**
     * A command line's {@code --name=value} and {@code --name} flags (the latter with an empty value), each name one
     * of {@code known}; throws {@link IllegalArgumentException} for anything else, so that a mistyped flag stops the
     * command instead of leaving its setting at the default.
     */
    public static Map<String, String> flags(String[] args, Set<String> known) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + " (known: "
                        + known.stream().sorted().map(flag -> "--" + flag).collect(Collectors.joining(", ")) + ")");
            }
            flags.put(name, eq < 0 ? "" : arg.substring(eq + 1));
        }
        return flags;
    }
}
