package org.openvault.backend.search;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openvault.backend.database.Sql;
import org.openvault.backend.responsecache.ContentVersion;
import org.openvault.db.Migrate;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search turns sequential scans off in its read-only transaction, and leaves the pooled connection as it found it;
 * it writes nothing, so it runs none of the hooks that follow this backend's writes (each of which reads the content
 * version through the pool).
 */
class SessionSettingsTest {

    private static final TestDatabase DB = TestDatabase.get();

    @Test
    void searchResetsTheSessionSettingItChanges() throws SQLException {
        try (Connection real = DB.connect()) {
            Migrate.migrate(new OneConnection(real));
            Sql sql = new Sql(new OneConnection(real));
            AtomicInteger hooks = new AtomicInteger();
            sql.afterEachCommit(hooks::incrementAndGet);
            PageSearchRepository repository = new PageSearchRepository(sql, new ContentVersion(sql));
            repository.search(new PageSearchRepository.Search("radio +television", Set.of(), false,
                    SearchSort.RELEVANCE, 1, 10));
            try (Statement st = real.createStatement(); ResultSet rs = st.executeQuery("SHOW enable_seqscan")) {
                rs.next();
                assertEquals("on", rs.getString(1));
            }
            assertTrue(real.getAutoCommit(), "the connection is back in auto-commit");
            assertFalse(real.isReadOnly(), "and writable");
            assertEquals(0, hooks.get());
        }
    }

    /**
     * Once search_word has statistics, the generic plan of the fuzzy words' lookup can be a sequential scan that
     * computes the similarity of every word: the lookup runs in the search's transaction, with index scans only.
     */
    @Test
    void theVocabularyLookupOfFuzzyWordsRunsWithIndexScansOnly() throws SQLException {
        try (Connection real = DB.connect()) {
            Migrate.migrate(new OneConnection(real));
            List<String> settingsOfLookups = new ArrayList<>();
            OneConnection watched = new OneConnection(real, sql -> {
                if (sql.contains("FROM search_word")) {
                    try (Statement st = real.createStatement(); ResultSet rs = st.executeQuery("SHOW enable_seqscan")) {
                        rs.next();
                        settingsOfLookups.add(rs.getString(1));
                    }
                }
            });
            Sql sql = new Sql(watched);
            new PageSearchRepository(sql, new ContentVersion(sql)).search(new PageSearchRepository.Search(
                    "televsion~ radio~", Set.of(), false, SearchSort.RELEVANCE, 1, 10));
            assertEquals(List.of("off", "off"), settingsOfLookups);
        }
    }

    /** Sees the text of each statement the code prepares, before it runs. */
    private interface Preparing {
        void prepare(String sql) throws SQLException;
    }

    /** A DataSource that hands out one connection whose close() does nothing, like a pool would. */
    private record OneConnection(Connection connection, Preparing preparing) implements DataSource {

        OneConnection(Connection connection) {
            this(connection, sql -> { });
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        if (method.getName().equals("prepareStatement")) {
                            preparing.prepare((String) args[0]);
                        }
                        return method.invoke(connection, args);
                    });
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
