package org.openvault.backend.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.openvault.testing.TestDatabase;

/** Test fixtures: originals drawn in memory, written under a media root and recorded in the image table. */
public final class TestImages {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestDatabase db;
    private final Path mediaRoot;

    public TestImages(TestDatabase db, Path mediaRoot) {
        this.db = db;
        this.mediaRoot = mediaRoot;
    }

    /** A grey original with a red square of side {@code mark} centred on (markX, markY); answers the image id. */
    public int create(String title, int width, int height, String format, int markX, int markY, int mark, FocalPoint focalPoint) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(markX - mark / 2, markY - mark / 2, mark, mark);
        g.dispose();
        String file = "original_images/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-"
                + SEQUENCE.incrementAndGet() + "." + (format.equals("jpeg") ? "jpg" : format);
        try {
            Path path = mediaRoot.resolve(file);
            Files.createDirectories(path.getParent());
            ImageIO.write(image, format, path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return insert(title, file, width, height, focalPoint, "", new String[0]);
    }

    int create(String title, int width, int height) {
        return create(title, width, height, "jpeg", width / 2, height / 2, 1, null);
    }

    /** Records an image row without touching files (for missing or broken originals). */
    int insert(String title, String file, int width, int height, FocalPoint focalPoint, String description, String[] tags) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO image (title, file, width, height, focal_point_x, focal_point_y, focal_point_width,
                                   focal_point_height, description, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            s.setString(1, title);
            s.setString(2, file);
            s.setInt(3, width);
            s.setInt(4, height);
            s.setObject(5, focalPoint == null ? null : focalPoint.x());
            s.setObject(6, focalPoint == null ? null : focalPoint.y());
            s.setObject(7, focalPoint == null ? null : focalPoint.width());
            s.setObject(8, focalPoint == null ? null : focalPoint.height());
            s.setString(9, description);
            s.setArray(10, c.createArrayOf("text", tags));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int count(String sql) {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getGreen() < 60 && c.getBlue() < 60;
    }
}
