package org.openvault.backend.responsecache;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on a connection of its own for the database's announcement of each content change (channel
 * {@code content_version}, V52 migration) and tells {@link ContentVersion}. It also reads the version itself every
 * {@code recheck}, which proves the connection alive and catches up whatever a lost announcement missed. While it
 * cannot listen (database down, connection lost, or no word for two rechecks), {@link ContentVersion} asks the
 * database on every request again; it reconnects on its own.
 */
public final class ContentVersionWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContentVersionWatch.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ContentVersion version;
    private final Callable<Connection> connect;
    private final Duration recheck;
    private final Thread thread;
    private volatile boolean running = true;

    private ContentVersionWatch(ContentVersion version, Callable<Connection> connect, Duration recheck) {
        this.version = version;
        this.connect = connect;
        this.recheck = recheck;
        this.thread = Thread.ofPlatform().daemon().name("content-version-watch").unstarted(this::run);
    }

    /** Starts watching on connections from {@code connect} (each used until it fails, then closed). */
    public static ContentVersionWatch start(ContentVersion version, Callable<Connection> connect, Duration recheck) {
        ContentVersionWatch watch = new ContentVersionWatch(version, connect, recheck);
        watch.thread.start();
        return watch;
    }

    private void run() {
        while (running) {
            try (Connection connection = connect.call()) {
                listen(connection);
            } catch (Exception e) {
                if (running) {
                    LOG.log(Level.WARNING, "Not listening for content changes (each request asks the database until "
                            + "this reconnects): " + e);
                }
            } finally {
                version.unvouched();
            }
            sleep(RETRY);
        }
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN content_version");
            // Listening first, then reading: a change committed in between is either read or announced.
            readVersion(statement);
            long nextRead = System.nanoTime() + recheck.toNanos();
            while (running) {
                long waitMillis = Math.max(1, (nextRead - System.nanoTime()) / 1_000_000);
                PGNotification[] notifications = postgres.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        learn(notification.getParameter());
                    }
                }
                if (System.nanoTime() - nextRead >= 0) {
                    readVersion(statement);
                    nextRead = System.nanoTime() + recheck.toNanos();
                }
            }
        }
    }

    /**
     * Reads the version on the listening connection, which proves it alive: the known version is then vouched for
     * until two rechecks later, so a connection lost without a word stops being trusted within that time.
     */
    private void readVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(ContentVersion.CURRENT)) {
            if (!rs.next()) {
                throw new SQLException("content_version has no row: is the database migrated?");
            }
            version.learned(rs.getLong(1));
        }
        version.vouchFor(recheck.multipliedBy(2));
    }

    private void learn(String payload) {
        try {
            version.learned(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            LOG.warning("Ignored a content_version announcement that is not a version: " + payload);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
