package org.openvault.db;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Migrate --demo-files}: the demo picture files alone, without a database. The Helm chart relies on it: the
 * demo Job records the image rows (with the sizes of the files it drew into its own /tmp), the backend's init
 * container draws the files into the backend's media volume, so both must draw the very same bytes.
 */
class DemoFilesTest {

    @Test
    void demoFilesWritesEveryDemoPictureWithoutTouchingADatabase(@TempDir Path media) throws Exception {
        // A database URL nothing listens on: migrating or loading anything would fail.
        String nowhere = "--url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/nothing";
        Migrate.main(new String[] {"--demo-files", "--media-root=" + media, nowhere});

        List<DemoImages.Picture> pictures = DemoImages.pictures();
        assertEquals(pictures.size(), files(media).size(), () -> "files: " + files(media).keySet());
        for (DemoImages.Picture picture : pictures) {
            BufferedImage image = ImageIO.read(media.resolve(picture.file()).toFile());
            assertNotNull(image, picture.file());
            assertEquals(picture.width(), image.getWidth(), picture.file());
            assertEquals(picture.height(), image.getHeight(), picture.file());
        }

        // Files already there are kept as they are (an init container runs at every pod start, on a kept volume).
        Path first = media.resolve(pictures.getFirst().file());
        Files.writeString(first, "kept");
        assertEquals(0, DemoImages.writeFiles(media));
        Migrate.main(new String[] {"--demo-files", "--media-root=" + media, nowhere});
        assertEquals("kept", Files.readString(first));
        Files.delete(first);
        assertEquals(1, DemoImages.writeFiles(media), "only the missing file is drawn again");

        assertThrows(IllegalArgumentException.class,
                () -> Migrate.main(new String[] {"--demo-files", "--demo", "--media-root=" + media}));
    }

    /**
     * As in the cluster: one JVM runs {@code --demo-files} with OV_MEDIA_ROOT and no reachable database and exits 0,
     * another runs {@code --demo}; the files are byte for byte the same and the recorded sizes fit the first's files.
     */
    @Test
    void demoFilesDrawsInItsOwnProcessExactlyTheFilesAndSizesADemoLoadWritesAndRecords(@TempDir Path dir)
            throws Exception {
        Path initContainerMedia = dir.resolve("backend-media");
        Path jobMedia = dir.resolve("job-tmp/demo-media");

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Migrate.class.getName(), "--demo-files")
                .redirectErrorStream(true);
        builder.environment().put("OV_MEDIA_ROOT", initContainerMedia.toString());
        builder.environment().put("OV_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/nothing");
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS); // its few lines fit in the pipe
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, () -> "--demo-files should exit by itself: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("no database used"), output);

        TestDatabase db = TestDatabase.get();
        Migrate.main(new String[] {"--demo", "--url=" + db.url(), "--user=" + db.user(), "--password=" + db.password(),
                "--media-root=" + jobMedia});

        Map<String, byte[]> drawnByInit = files(initContainerMedia);
        Map<String, byte[]> drawnByJob = files(jobMedia);
        assertEquals(DemoImages.pictures().size(), drawnByInit.size(), drawnByInit.keySet()::toString);
        assertEquals(drawnByJob.keySet(), drawnByInit.keySet());
        try (Connection connection = db.connect();
             PreparedStatement size = connection.prepareStatement("SELECT file_size FROM image WHERE file = ?")) {
            for (Map.Entry<String, byte[]> file : drawnByInit.entrySet()) {
                assertArrayEquals(drawnByJob.get(file.getKey()), file.getValue(), file.getKey() + " differs");
                size.setString(1, file.getKey());
                try (ResultSet row = size.executeQuery()) {
                    assertTrue(row.next(), "no image row for " + file.getKey());
                    assertEquals(file.getValue().length, row.getLong(1), file.getKey());
                }
            }
        }
    }

    /** Every regular file under the root, by its path relative to the root (as the image rows name them). */
    private static Map<String, byte[]> files(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + root, e);
        }
        return files;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
