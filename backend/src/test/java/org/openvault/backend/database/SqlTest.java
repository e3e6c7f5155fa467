package org.openvault.backend.database;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements and transactions on a pool of one connection: a connection not given back would make the next call wait
 * for the pool and fail, so every test also shows that the connection went back.
 */
class SqlTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static Database database;
    private static Sql sql;

    @BeforeAll
    static void connect() {
        database = Database.connect(Config.just(ConfigSources.create(Map.of("url", DB.url(), "user", DB.user(),
                "password", DB.password(), "pool.size", "1", "connect-timeout-seconds", "1"))));
        sql = database.sql();
        DB.execute("CREATE TABLE sql_test_note (id integer, text text, tags text[],"
                + " CONSTRAINT sql_test_note_unique UNIQUE (id) DEFERRABLE INITIALLY IMMEDIATE)");
    }

    @AfterAll
    static void disconnect() {
        database.close();
        DB.execute("DROP TABLE sql_test_note");
    }

    @BeforeEach
    void empty() {
        sql.update("DELETE FROM sql_test_note");
    }

    @Test
    void bindsParametersAndMapsRows() {
        assertEquals(1, sql.update("INSERT INTO sql_test_note (id, text, tags) VALUES (?, ?, ?)", 1, null,
                new String[] {"a", "b"}));
        assertEquals(1, sql.update("INSERT INTO sql_test_note (id, text) VALUES (?, ?)", 2, "two"));
        assertEquals(List.of("1:null:{a,b}", "2:two:null"), sql.list("SELECT id, text, tags::text FROM sql_test_note"
                + " ORDER BY id", rs -> rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getString(3)));
        assertEquals("two", sql.one("SELECT text FROM sql_test_note WHERE id = ANY (?)", rs -> rs.getString(1),
                (Object) new Integer[] {2, 3}).orElseThrow());
        assertTrue(sql.one("SELECT text FROM sql_test_note WHERE id = ?", rs -> rs.getString(1), 9).isEmpty());
    }

    @Test
    void aTransactionCommitsWhenTheWorkReturns() {
        int stored = sql.inTransaction(tx -> {
            tx.update("INSERT INTO sql_test_note (id) VALUES (1)");
            return tx.one("SELECT count(*) FROM sql_test_note", rs -> rs.getInt(1)).orElseThrow();
        });
        assertEquals(1, stored);
        assertEquals(1, count());
    }

    @Test
    void aTransactionStoresNothingWhenTheWorkThrows() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> sql.inTransaction(tx -> {
            tx.update("INSERT INTO sql_test_note (id) VALUES (1)");
            throw refused;
        }));
        assertSame(refused, thrown);
        assertEquals(0, count());
    }

    @Test
    void aFailedStatementCarriesItsSqlStateAndUndoesTheTransaction() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> sql.inTransaction(tx -> {
            tx.update("INSERT INTO sql_test_note (id) VALUES (1)");
            return tx.update("INSERT INTO sql_test_note (id) VALUES (1)");
        }));
        assertEquals(SqlStates.UNIQUE_VIOLATION, SqlStates.of(e));
        assertEquals("sql_test_note_unique", SqlStates.constraint(e));
        assertEquals(0, count());
    }

    @Test
    void aFailedCommitIsADatabaseException() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> sql.inTransaction(tx -> {
            tx.update("SET CONSTRAINTS sql_test_note_unique DEFERRED");
            tx.update("INSERT INTO sql_test_note (id) VALUES (1), (1)");
            return "written, not yet committed";
        }));
        assertEquals(SqlStates.UNIQUE_VIOLATION, SqlStates.of(e));
        assertEquals(0, count());
    }

    @Test
    void aConnectionLostBeforeTheCommitIsATransientDatabaseException() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> sql.inTransaction(tx -> {
            tx.update("INSERT INTO sql_test_note (id) VALUES (1)");
            int pid = tx.one("SELECT pg_backend_pid()", rs -> rs.getInt(1)).orElseThrow();
            DB.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
            return "written, not yet committed";
        }));
        assertTrue(SqlStates.isTransient(SqlStates.of(e)), "SQLSTATE " + SqlStates.of(e) + " means try again");
        assertEquals(0, count());
    }

    @Test
    void aTransactionCannotBeUsedAfterItEnds() {
        Transaction ended = sql.inTransaction(tx -> tx);
        assertThrows(IllegalStateException.class, () -> ended.update("DELETE FROM sql_test_note"));
    }

    /** With every connection held by committing transactions, a hook that reads would wait for one forever. */
    @Test
    void afterCommitHooksRunOnceTheConnectionIsBackInThePool() {
        try (Database own = onePooledConnection()) {
            Sql writes = own.sql();
            List<Integer> readByHook = new CopyOnWriteArrayList<>();
            writes.afterEachCommit(() -> readByHook.add(writes.one("SELECT 7", rs -> rs.getInt(1)).orElseThrow()));
            writes.inTransaction(tx -> tx.update("INSERT INTO sql_test_note (id) VALUES (1)"));
            assertEquals(List.of(7), readByHook);
        }
    }

    @Test
    void aReadOnlyTransactionRunsNoHooksAndRefusesWrites() {
        try (Database own = onePooledConnection()) {
            Sql reads = own.sql();
            AtomicInteger hooks = new AtomicInteger();
            reads.afterEachCommit(hooks::incrementAndGet);
            assertEquals("off", reads.inReadOnlyTransaction(tx -> {
                tx.update("SET LOCAL enable_seqscan = off");
                return tx.one("SHOW enable_seqscan", rs -> rs.getString(1)).orElseThrow();
            }));
            DatabaseException refused = assertThrows(DatabaseException.class, () -> reads.inReadOnlyTransaction(
                    tx -> tx.update("INSERT INTO sql_test_note (id) VALUES (1)")));
            assertEquals("25006", SqlStates.of(refused), "read_only_sql_transaction");
            assertEquals(0, hooks.get());
            assertEquals(1, reads.update("INSERT INTO sql_test_note (id) VALUES (1)"), "the connection writes again");
            assertEquals(1, hooks.get());
        }
    }

    private static Database onePooledConnection() {
        return Database.connect(Config.just(ConfigSources.create(Map.of("url", DB.url(), "user", DB.user(),
                "password", DB.password(), "pool.size", "1", "connect-timeout-seconds", "1"))));
    }

    @Test
    void noConnectionIsDatabaseUnavailable() {
        try (Database down = Database.connect(Config.just(ConfigSources.create(Map.of(
                "url", "jdbc:postgresql://127.0.0.1:9/none", "connect-timeout-seconds", "1"))))) {
            assertThrows(DatabaseUnavailableException.class, () -> down.sql().inTransaction(tx -> null));
            assertThrows(DatabaseUnavailableException.class, () -> down.sql().answers(1));
        }
    }

    private static long count() {
        return sql.one("SELECT count(*) FROM sql_test_note", rs -> rs.getLong(1)).orElseThrow();
    }
}
