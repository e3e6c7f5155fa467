package org.openvault.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL for the local one-command run ({@code ./ov up}) when no OV_DB_URL is given.
 * Keeps its data under {@code .ov/pgdata}, writes the JDBC URL to {@code .ov/db-url} and runs until stopped.
 */
public final class LocalDatabase {

    private LocalDatabase() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = Path.of(args.length > 0 ? args[0] : ".ov").toAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("OV_LOCAL_DB_PORT", "15432"));
        Path data = home.resolve("pgdata");
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Files.writeString(home.resolve("db-url"), url);
        System.out.println("Embedded PostgreSQL running at " + url);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop embedded PostgreSQL cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
