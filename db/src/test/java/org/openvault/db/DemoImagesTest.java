package org.openvault.db;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvault.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoImagesTest {

    private final TestDatabase db = TestDatabase.get();
    private final DatabaseSettings settings = new DatabaseSettings(db.url(), db.user(), db.password());

    @Test
    void demoImagesAreDrawnRecordedAndUsedByEveryDemoPageAndAuthorOnce(@TempDir Path media) throws Exception {
        Migrate.migrate(settings);
        DemoContent.load(settings);
        int pictures = DemoImages.load(settings, media);
        assertEquals(15, pictures);

        long totalBytes = 0;
        for (DemoImages.Picture picture : DemoImages.pictures()) {
            Path file = media.resolve(picture.file());
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, picture.file());
            assertEquals(picture.width(), image.getWidth());
            assertEquals(picture.height(), image.getHeight());
            totalBytes += Files.size(file);
        }
        assertTrue(totalBytes < 3_000_000, "demo images stay small: " + totalBytes);
        assertEquals(15, count("SELECT count(*) FROM image WHERE file LIKE 'original_images/demo-%' AND file_size > 0"));
        assertEquals(0, count("SELECT count(*) FROM exhibit e JOIN page p ON p.id = e.page_id WHERE p.parent_id = 3"
                + " AND (e.cover_image_id IS NULL OR e.hero_image_id IS NULL)"));
        assertEquals(0, count("SELECT count(*) FROM collection c JOIN page p ON p.id = c.page_id WHERE p.parent_id = 3"
                + " AND (c.cover_image_id IS NULL OR c.hero_image_id IS NULL)"));
        assertTrue(count("SELECT count(*) FROM exhibit e JOIN page p ON p.id = e.page_id WHERE p.parent_id = 3") >= 4);
        assertEquals(5, count("SELECT count(*) FROM author a JOIN image i ON i.id = a.image_id WHERE i.file LIKE '%portrait%'"));
        assertEquals(1, count("SELECT count(*) FROM image WHERE focal_point_x IS NOT NULL AND file LIKE '%demo%'"));

        // Loading again changes nothing: same rows, files not rewritten, an editor's choice kept.
        Path someFile = media.resolve(DemoImages.pictures().getFirst().file());
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(someFile, written);
        db.execute("UPDATE exhibit SET cover_image_id = (SELECT id FROM image WHERE file = 'original_images/demo-night-sky.jpg')"
                + " WHERE page_id = (SELECT id FROM page WHERE parent_id = 3 AND slug = 'science-on-the-air')");
        DemoContent.load(settings);
        DemoImages.load(settings, media);
        assertEquals(15, count("SELECT count(*) FROM image WHERE file LIKE 'original_images/demo-%'"));
        assertEquals(written, Files.getLastModifiedTime(someFile));
        assertEquals(1, count("SELECT count(*) FROM exhibit e JOIN image i ON i.id = e.cover_image_id"
                + " WHERE i.file = 'original_images/demo-night-sky.jpg'"));
    }

    @Test
    void anUnwritableMediaRootFailsBeforeAnyRowIsWritten(@TempDir Path dir) throws Exception {
        Migrate.migrate(settings);
        DemoContent.load(settings);
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        int before = count("SELECT count(*) FROM image");
        assertThrows(UncheckedIOException.class, () -> DemoImages.load(settings, notAFolder.resolve("media")));
        assertEquals(before, count("SELECT count(*) FROM image"));
    }

    private int count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
