package org.openvault.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateTest {

    private final TestDatabase db = TestDatabase.get();
    private final DatabaseSettings settings = new DatabaseSettings(db.url(), db.user(), db.password());

    @Test
    void migratesAnEmptyDatabaseAndIsIdempotent() throws Exception {
        Migrate.migrate(settings);
        assertEquals(0, Migrate.migrate(settings).migrationsExecuted, "a second run has nothing to do");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'page'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void demoContentLoadsOnceOnly() {
        Migrate.migrate(settings);
        int first = DemoContent.load(settings);
        int second = DemoContent.load(settings);
        assertTrue(first >= 4, "demo content has pages");
        assertEquals(first, second, "loading twice adds nothing");
    }

    @Test
    void commandLineRefusesUnknownArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrate.parseFlags(new String[] {"jdbc:postgresql://x"}));
        assertTrue(e.getMessage().contains("Unknown argument"));
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> Migrate.parseFlags(new String[] {"--demo-file"}));
        assertTrue(mistyped.getMessage().startsWith("Unknown argument: --demo-file "), mistyped.getMessage());
        assertEquals("u", Migrate.parseFlags(new String[] {"--user=u"}).get("user"));
    }
}
