import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openvault.backend.database.Database;
import org.openvault.backend.database.Sql;

/**
 * bench/db-access.sh: a get by id and a listing of 20 rows through the backend's way of reaching PostgreSQL (plain
 * JDBC, {@code database/Sql}) on its pool, single-threaded and with THREADS threads. Prints microseconds per
 * statement and statements per second for each.
 * Run: java -cp 'backend/target/backend.jar:backend/target/libs/*' bench/DbAccess.java JDBC_URL [SECONDS] [THREADS]
 */
public final class DbAccess {

    private static final String BY_ID = "SELECT id, type, slug, title, url_path, live, first_published_at FROM page"
            + " WHERE id = ?";
    private static final String LISTING = "SELECT id, type, slug, title, url_path, live FROM page WHERE live"
            + " ORDER BY id LIMIT 20";

    interface Work {
        void run(int i);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Config db = Config.just(ConfigSources.create(Map.of("url", url, "user", "postgres", "password", "",
                "pool.size", "10")));
        try (Database database = Database.connect(db)) {
            Sql sql = database.sql();
            List<Integer> ids = sql.list("SELECT id FROM page ORDER BY id", rs -> rs.getInt(1));
            Work get = i -> sql.one(BY_ID, rs -> rs.getString("title"), ids.get(i % ids.size())).orElseThrow();
            Work list = i -> sql.list(LISTING, rs -> rs.getString("title"));
            for (int round = 0; round < 3; round++) {
                boolean warmUp = round == 0;
                for (int t : new int[] {1, threads}) {
                    report(warmUp, "get by id", t, measure(get, t, seconds));
                    report(warmUp, "listing of 20", t, measure(list, t, seconds));
                }
            }
        }
    }

    private static long[] measure(Work work, int threads, long seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(Thread.ofPlatform().start(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    work.run(i++);
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        return new long[] {done.get(), System.nanoTime() - start};
    }

    private static void report(boolean warmUp, String statement, int threads, long[] result) {
        if (warmUp) {
            return;
        }
        double perSecond = result[0] / (result[1] / 1e9);
        System.out.printf("%-14s threads=%d  %8.0f statements/s  %6.1f µs each%n", statement, threads, perSecond,
                threads * 1e6 / perSecond);
    }
}
