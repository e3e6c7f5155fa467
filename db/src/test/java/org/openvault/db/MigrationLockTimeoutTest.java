package org.openvault.db;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration that needs a table another session holds gives up after the lock timeout (the job fails and is run
 * again) instead of waiting behind it, while every later reader of that table would queue behind the migration.
 */
class MigrationLockTimeoutTest {

    @Test
    void aMigrationBlockedByAReaderFailsAfterTheLockTimeoutAndSucceedsOnceItIsGone() throws Exception {
        TestDatabase shared = TestDatabase.get();
        TestDatabase scratch = shared.newScratch();
        try {
            DatabaseSettings settings = new DatabaseSettings(scratch.url(), scratch.user(), scratch.password(),
                    Duration.ofSeconds(1));
            // Up to V50; V51 replaces triggers on page, which needs page to itself.
            Flyway.configure().dataSource(scratch.url(), scratch.user(), scratch.password())
                    .locations("classpath:db/migration").target("50").load().migrate();
            try (Connection reader = scratch.connect(); Statement st = reader.createStatement()) {
                reader.setAutoCommit(false);
                st.executeQuery("SELECT count(*) FROM page").close();
                FlywayException refused = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> assertThrows(FlywayException.class, () -> Migrate.migrate(settings)));
                assertTrue(String.valueOf(refused.getMessage()).contains("55P03")
                        || String.valueOf(refused.getMessage()).contains("lock timeout"), refused.getMessage());
                reader.rollback();
            }
            Migrate.migrate(settings);
            assertEquals(0, Migrate.migrate(settings).migrationsExecuted, "every migration is applied");
        } finally {
            shared.dropScratch(scratch);
        }
    }

    @Test
    void theLockTimeoutComesFromTheFlagOrTheEnvironment() {
        assertEquals(Duration.ofSeconds(3), DatabaseSettings.from(java.util.Map.of("lock-timeout-seconds", "3"),
                java.util.Map.of("OV_DB_LOCK_TIMEOUT_SECONDS", "7")).lockTimeout());
        assertEquals(Duration.ofSeconds(7), DatabaseSettings.from(java.util.Map.of(),
                java.util.Map.of("OV_DB_LOCK_TIMEOUT_SECONDS", "7")).lockTimeout());
        assertEquals(DatabaseSettings.DEFAULT_LOCK_TIMEOUT, DatabaseSettings.from(java.util.Map.of(),
                java.util.Map.of()).lockTimeout());
    }
}
