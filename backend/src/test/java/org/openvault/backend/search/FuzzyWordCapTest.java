package org.openvault.backend.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvault.backend.database.RowMapper;
import org.openvault.backend.database.Sql;
import org.openvault.backend.database.Statements;
import org.openvault.db.DatabaseSettings;
import org.openvault.db.Migrate;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A query may name any number of fuzzy words ({@code word~}); only the first {@link CompiledQuery#MAX_FUZZY_WORDS}
 * distinct ones are looked up in the vocabulary, so a long query costs a bounded number of statements.
 */
class FuzzyWordCapTest {

    private static final TestDatabase DB = TestDatabase.get();
    private static HikariDataSource pool;
    private static Sql sql;

    @BeforeAll
    static void connect() {
        Migrate.migrate(new DatabaseSettings(DB.url(), DB.user(), DB.password()));
        pool = new HikariDataSource();
        pool.setJdbcUrl(DB.url());
        pool.setUsername(DB.user());
        pool.setPassword(DB.password());
        pool.setMaximumPoolSize(1);
        sql = new Sql(pool);
    }

    @AfterAll
    static void disconnect() {
        pool.close();
    }

    @Test
    void manyFuzzyWordsRunAtMostTheCapOfLookups() {
        assertEquals(CompiledQuery.MAX_FUZZY_WORDS, lookups(fuzzyWords(160)));
        assertEquals(CompiledQuery.MAX_FUZZY_WORDS, lookups(fuzzyWords(CompiledQuery.MAX_FUZZY_WORDS + 1)));
    }

    @Test
    void eachDistinctFuzzyWordIsLookedUpOnce() {
        assertEquals(3, lookups(fuzzyWords(3)));
        assertEquals(2, lookups("radio~ radio~1 radio~2 television~"));
    }

    /** Distinct words of three letters or more ("waa~ wab~ …"), each fuzzy with AUTO fuzziness. */
    private static String fuzzyWords(int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add("w" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "~");
        }
        return String.join(" ", words);
    }

    private static int lookups(String query) {
        AtomicInteger vocabularyLookups = new AtomicInteger();
        Statements counting = new Statements() {
            @Override
            public <T> List<T> list(String text, RowMapper<T> mapper, Object... params) {
                if (text.contains("FROM search_word")) {
                    vocabularyLookups.incrementAndGet();
                }
                return sql.list(text, mapper, params);
            }

            @Override
            public <T> Optional<T> one(String text, RowMapper<T> mapper, Object... params) {
                return sql.one(text, mapper, params);
            }

            @Override
            public long update(String text, Object... params) {
                return sql.update(text, params);
            }
        };
        CompiledQuery.compile(counting, query);
        return vocabularyLookups.get();
    }
}
