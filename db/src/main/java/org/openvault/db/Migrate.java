package org.openvault.db;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database schema up to date with the Flyway migrations in {@code db/migration}.
 * <p>
 * Command line (the Helm migration job and {@code ./ov up} call it):
 * {@code java -jar db.jar [--url=jdbc:postgresql://…] [--user=…] [--password=…] [--lock-timeout-seconds=…] [--demo]}.
 * Without flags the OV_DB_URL, OV_DB_USER, OV_DB_PASSWORD and OV_DB_LOCK_TIMEOUT_SECONDS environment variables are
 * used.
 * {@code --demo} also loads the demo content and the demo images, whose files go under {@code --media-root=}
 * (or OV_MEDIA_ROOT, default {@code .ov/media}).
 * <p>
 * {@code java -jar db.jar --demo-files [--media-root=…]} only writes the demo image files that are missing under
 * the media root and exits, without a database (database flags and variables are ignored; not together with
 * {@code --demo}). The files are drawn deterministically, byte for byte as {@code --demo} draws them, so where
 * {@code --demo} runs without the backend's media folder (the Helm chart's demo Job, which records the rows) the
 * backend's pod writes the same files into its own volume (the chart's {@code demo-media} init container).
 */
public final class Migrate {

    private static final Set<String> FLAGS = Set.of("url", "user", "password", "lock-timeout-seconds", "demo",
            "demo-files", "media-root");

    private Migrate() {
    }

    public static void main(String[] args) {
        Map<String, String> flags = parseFlags(args);
        if (flags.containsKey("demo-files")) {
            if (flags.containsKey("demo")) {
                throw new IllegalArgumentException("--demo-files writes only the demo image files, without a database;"
                        + " run --demo on its own");
            }
            Path mediaRoot = DemoImages.mediaRoot(flags, System.getenv());
            int written = DemoImages.writeFiles(mediaRoot);
            System.out.printf("Demo image files: %d in %s (%d written now); no database used%n",
                    DemoImages.pictures().size(), mediaRoot.toAbsolutePath(), written);
            return;
        }
        DatabaseSettings settings = DatabaseSettings.from(flags, System.getenv());
        MigrateResult result = migrate(settings);
        System.out.printf("Database %s is at schema version %s (%d migrations applied now)%n",
                settings.url(), result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                result.migrationsExecuted);
        if (flags.containsKey("demo")) {
            int pages = DemoContent.load(settings);
            Path mediaRoot = DemoImages.mediaRoot(flags, System.getenv());
            System.out.printf("Demo content loaded (%d pages in the database)%n", pages);
            try {
                int images = DemoImages.load(settings, mediaRoot);
                System.out.printf("Demo images: %d in %s%n", images, mediaRoot.toAbsolutePath());
            } catch (UncheckedIOException e) {
                // The text content is in; pages then simply have no images (e.g. a job without the media volume).
                System.err.printf("Demo images skipped: %s. Give --media-root= (or OV_MEDIA_ROOT) the backend's"
                        + " writable media folder to add them.%n", e.getMessage());
            }
        }
    }

    /**
     * Migrates over connections of its own, on which every statement waits at most {@code settings.lockTimeout()}
     * for a lock (SQLSTATE 55P03 after that, and nothing of the failed migration is kept).
     */
    public static MigrateResult migrate(DatabaseSettings settings) {
        return flyway(Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .initSql("SET lock_timeout = " + settings.lockTimeout().toMillis())).migrate();
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return flyway(Flyway.configure().dataSource(dataSource)).migrate();
    }

    private static Flyway flyway(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration.locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    // A mistyped flag stops the command: otherwise its setting would silently stay at the default.
    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = !arg.startsWith("--") ? null : eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (name == null || !FLAGS.contains(name)) {
                throw new IllegalArgumentException("Unknown argument: " + arg
                        + " (expected --url=…, --user=…, --password=…, --lock-timeout-seconds=…, --demo, --demo-files"
                        + " or --media-root=…)");
            }
            flags.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return flags;
    }
}
