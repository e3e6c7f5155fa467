package org.openvault.db;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Demo images: drawn with java.awt at load time (no binaries in the repository, no fonts needed), written under
 * the media root ({@code --media-root=} or {@code OV_MEDIA_ROOT}, default {@code .ov/media} — the backend's
 * {@code ov.media.root} must be the same folder), recorded in {@code image} and set as cover and hero images of the
 * demo exhibits and collections and as the authors' portraits.
 * <p>
 * Idempotent: existing files are kept, rows are matched by file path, and only empty image fields are filled, so
 * an editor's choice is never overwritten.
 * <p>
 * The files alone can be written without a database ({@link #writeFiles}, {@code Migrate --demo-files}): where the
 * process that records the rows cannot reach the backend's media folder (the Helm chart's demo Job), the backend's
 * pod draws the same files into its own volume.
 */
public final class DemoImages {

    public static final String DEFAULT_MEDIA_ROOT = ".ov/media";

    /** One demo picture: its file name, title, alt text, size, tags, optional focal point and how to paint it. */
    record Picture(String name, String title, String description, int width, int height, String format,
                   List<String> tags, int[] focalPoint, Consumer<Graphics2D> painter) {

        String file() {
            return "original_images/demo-" + name + "." + (format.equals("png") ? "png" : "jpg");
        }
    }

    /** Page slug (under Home), its cover picture and its hero picture. */
    private static final String[][] PAGES = {
            {"voices-of-the-civil-rights-era", "boston-common", "march-banner"},
            {"science-on-the-air", "oscilloscope", "night-sky"},
            {"the-advocates", "debate-stage", "march-banner"},
            {"reporting-boston", "skyline-dusk", "news-film"},
            {"boston-local-news-1970s", "news-film", "skyline-dusk"},
            {"say-brother", "say-brother-set", "boston-common"},
            {"vietnam-a-television-history", "river-valley", "night-sky"},
            {"la-plaza", "plaza-mural", "say-brother-set"},
    };

    /** Author name and portrait picture. */
    private static final String[][] AUTHORS = {
            {"Maya Okafor", "portrait-okafor"},
            {"Daniel Reyes", "portrait-reyes"},
            {"Ruth Feldman", "portrait-feldman"},
            {"Samuel Whitaker", "portrait-whitaker"},
            {"Elena Marchetti", "portrait-marchetti"},
    };

    private DemoImages() {
    }

    public static Path mediaRoot(java.util.Map<String, String> flags, java.util.Map<String, String> env) {
        return Path.of(flags.getOrDefault("media-root", env.getOrDefault("OV_MEDIA_ROOT", DEFAULT_MEDIA_ROOT)));
    }

    /** Writes missing files, records missing rows, fills empty image fields; answers how many demo images exist. */
    public static int load(DatabaseSettings settings, Path mediaRoot) {
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            return load(connection, mediaRoot);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load demo images into " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    public static int load(Connection connection, Path mediaRoot) throws SQLException {
        writeFiles(mediaRoot);
        List<Picture> pictures = pictures();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Picture picture : pictures) {
                insert(connection, picture, Files.size(mediaRoot.resolve(picture.file())));
            }
            for (String[] page : PAGES) {
                assign(connection, "exhibit", page);
                assign(connection, "collection", page);
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE author SET image_id = (SELECT id FROM image WHERE file = ?) WHERE name = ? AND image_id IS NULL")) {
                for (String[] author : AUTHORS) {
                    s.setString(1, picture(pictures, author[1]).file());
                    s.setString(2, author[0]);
                    s.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            connection.rollback();
            throw e instanceof SQLException sql ? sql : new SQLException("cannot read a demo image file", e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return pictures.size();
    }

    private static void insert(Connection connection, Picture p, long size) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO image (title, file, width, height, focal_point_x, focal_point_y, focal_point_width,
                                   focal_point_height, file_size, description, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT image_file_unique DO NOTHING""")) {
            s.setString(1, p.title());
            s.setString(2, p.file());
            s.setInt(3, p.width());
            s.setInt(4, p.height());
            for (int i = 0; i < 4; i++) {
                s.setObject(5 + i, p.focalPoint() == null ? null : p.focalPoint()[i]);
            }
            s.setLong(9, size);
            s.setString(10, p.description());
            s.setArray(11, connection.createArrayOf("text", p.tags().toArray()));
            s.executeUpdate();
        }
    }

    private static void assign(Connection connection, String table, String[] page) throws SQLException {
        String sql = "UPDATE " + table + " SET"
                + " cover_image_id = COALESCE(cover_image_id, (SELECT id FROM image WHERE file = ?)),"
                + " hero_image_id = COALESCE(hero_image_id, (SELECT id FROM image WHERE file = ?))"
                + " WHERE page_id = (SELECT id FROM page WHERE parent_id = 3 AND slug = ?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, "original_images/demo-" + page[1] + ".jpg");
            s.setString(2, "original_images/demo-" + page[2] + ".jpg");
            s.setString(3, page[0]);
            s.executeUpdate();
        }
    }

    private static Picture picture(List<Picture> pictures, String name) {
        return pictures.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Writes the demo picture files that are missing under the media root, without any database ({@code Migrate
     * --demo-files}): the same bytes as {@link #load} writes, since the pictures are drawn deterministically. So a
     * process that only has the backend's media folder (the Helm chart's init container) and one that only records
     * the rows ({@code --demo}, elsewhere) agree on every file and its size. Answers how many files it wrote now.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static int writeFiles(Path mediaRoot) {
        System.setProperty("java.awt.headless", "true");
        int written = 0;
        for (Picture picture : pictures()) {
            if (writeIfMissing(mediaRoot, picture)) {
                written++;
            }
        }
        return written;
    }

    private static boolean writeIfMissing(Path root, Picture picture) {
        Path target = root.resolve(picture.file());
        if (Files.isRegularFile(target)) {
            return false;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".demo-", ".part");
            Files.write(temp, encode(paint(picture), picture.format()));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo image " + target, e);
        }
    }

    static BufferedImage paint(Picture picture) {
        BufferedImage image = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            picture.painter().accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (format.equals("png")) {
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // ---- the pictures: skies, ground, shapes; deterministic (seeded) so every load draws the same files ----

    static List<Picture> pictures() {
        int w = 2000;
        int h = 1125;
        return List.of(
                new Picture("boston-common", "Boston Common rally", "A crowd gathered on Boston Common", w, h, "jpeg",
                        List.of("demo", "crowd"), null, g -> crowd(g, w, h)),
                new Picture("march-banner", "March banner", "Marchers carrying a long banner", w, h, "jpeg",
                        List.of("demo", "crowd"), null, g -> banner(g, w, h)),
                new Picture("oscilloscope", "Oscilloscope", "Green traces on an oscilloscope screen", w, h, "jpeg",
                        List.of("demo", "science"), null, g -> oscilloscope(g, w, h)),
                new Picture("night-sky", "Night sky", "Stars over a dark horizon", w, h, "jpeg",
                        List.of("demo", "science"), null, g -> nightSky(g, w, h)),
                new Picture("debate-stage", "Debate stage", "Two podiums under studio lights", w, h, "jpeg",
                        List.of("demo", "studio"), null, g -> stage(g, w, h)),
                new Picture("skyline-dusk", "Boston skyline at dusk", "The Boston skyline at dusk", w, h, "jpeg",
                        List.of("demo", "boston"), new int[] {1400, 700, 300, 300}, g -> skyline(g, w, h)),
                new Picture("news-film", "News film", "Frames of 16mm news film", w, h, "jpeg",
                        List.of("demo", "film"), null, g -> film(g, w, h)),
                new Picture("say-brother-set", "Say Brother set", "The Say Brother studio set", w, h, "jpeg",
                        List.of("demo", "studio"), null, g -> set(g, w, h)),
                new Picture("river-valley", "River valley", "A river winding through green hills", w, h, "jpeg",
                        List.of("demo", "landscape"), null, g -> valley(g, w, h)),
                new Picture("plaza-mural", "Plaza mural", "A tiled mural in warm colours", w, h, "jpeg",
                        List.of("demo", "mural"), null, g -> mural(g, w, h)),
                portrait("portrait-okafor", "Maya Okafor", new Color(0x2f6f8f), new Color(0x5a3b2e)),
                portrait("portrait-reyes", "Daniel Reyes", new Color(0x8f6a2f), new Color(0x7a5a44)),
                portrait("portrait-feldman", "Ruth Feldman", new Color(0x4f7f4f), new Color(0xd9b08c)),
                portrait("portrait-whitaker", "Samuel Whitaker", new Color(0x6a4f8f), new Color(0xc68e62)),
                portrait("portrait-marchetti", "Elena Marchetti", new Color(0x8f3f4f), new Color(0xe0b896)));
    }

    private static Picture portrait(String name, String person, Color background, Color skin) {
        int s = 600;
        return new Picture(name, person, person, s, s, "png", List.of("demo", "people"), null, g -> {
            g.setPaint(new GradientPaint(0, 0, background.brighter(), 0, s, background.darker()));
            g.fillRect(0, 0, s, s);
            g.setColor(new Color(0x2b2b33));
            g.fill(new Ellipse2D.Double(s * 0.18, s * 0.62, s * 0.64, s * 0.6));
            g.setColor(skin);
            g.fill(new Ellipse2D.Double(s * 0.33, s * 0.2, s * 0.34, s * 0.42));
        });
    }

    private static void sky(Graphics2D g, int w, int h, Color top, Color bottom) {
        g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
        g.fillRect(0, 0, w, h);
    }

    private static void crowd(Graphics2D g, int w, int h) {
        sky(g, w, h, new Color(0x8fb8de), new Color(0xe8eef2));
        g.setColor(new Color(0x5d8a4a));
        g.fillRect(0, h * 2 / 3, w, h / 3);
        Random r = new Random(1);
        for (int i = 0; i < 900; i++) {
            int x = r.nextInt(w);
            int y = h * 2 / 3 - 20 + r.nextInt(h / 3);
            int size = 10 + y / 40;
            g.setColor(new Color(40 + r.nextInt(60), 35 + r.nextInt(40), 30 + r.nextInt(40)));
            g.fill(new Ellipse2D.Double(x, y - size * 2, size, size));
            g.fillRect(x - size / 4, y - size, size + size / 2, size * 2);
        }
    }

    private static void banner(Graphics2D g, int w, int h) {
        sky(g, w, h, new Color(0xb9c8d6), new Color(0xf1ece4));
        g.setColor(new Color(0x7d7468));
        g.fillRect(0, h * 3 / 4, w, h / 4);
        g.setColor(new Color(0xf4f0e6));
        g.fillRect(w / 8, h / 3, w * 3 / 4, h / 6);
        g.setColor(new Color(0x1f3b5c));
        g.setStroke(new BasicStroke(14));
        g.drawRect(w / 8, h / 3, w * 3 / 4, h / 6);
        Random r = new Random(2);
        for (int x = 60; x < w; x += 70 + r.nextInt(40)) {
            g.setColor(new Color(30 + r.nextInt(50), 30 + r.nextInt(40), 40 + r.nextInt(40)));
            g.fill(new Ellipse2D.Double(x, h / 2 + 20, 60, 60));
            g.fillRect(x - 5, h / 2 + 80, 70, h / 4);
        }
    }

    private static void oscilloscope(Graphics2D g, int w, int h) {
        g.setColor(new Color(0x0b1a12));
        g.fillRect(0, 0, w, h);
        g.setPaint(new RadialGradientPaint(w / 2f, h / 2f, h * 0.6f, new float[] {0f, 1f},
                new Color[] {new Color(0x143d24), new Color(0x0b1a12)}));
        g.fill(new Ellipse2D.Double(w / 2.0 - h * 0.6, h * -0.1, h * 1.2, h * 1.2));
        g.setColor(new Color(0x1f5f37));
        g.setStroke(new BasicStroke(2));
        for (int x = 0; x < w; x += 100) {
            g.drawLine(x, 0, x, h);
        }
        for (int y = 0; y < h; y += 100) {
            g.drawLine(0, y, w, y);
        }
        g.setColor(new Color(0x7dff9a));
        g.setStroke(new BasicStroke(6));
        for (int wave = 0; wave < 3; wave++) {
            Path2D path = new Path2D.Double();
            for (int x = 0; x <= w; x += 8) {
                double y = h / 2.0 + Math.sin(x / (90.0 + wave * 40)) * (120 + wave * 60) * Math.cos(x / 700.0);
                if (x == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.draw(path);
        }
    }

    private static void nightSky(Graphics2D g, int w, int h) {
        sky(g, w, h, new Color(0x050914), new Color(0x1c2b4a));
        Random r = new Random(3);
        g.setColor(Color.WHITE);
        for (int i = 0; i < 700; i++) {
            double s = 1 + r.nextDouble() * 3;
            g.fill(new Ellipse2D.Double(r.nextInt(w), r.nextInt(h * 3 / 4), s, s));
        }
        g.setColor(new Color(0x0a0f18));
        Path2D hills = new Path2D.Double();
        hills.moveTo(0, h);
        for (int x = 0; x <= w; x += 50) {
            hills.lineTo(x, h * 0.8 + Math.sin(x / 230.0) * 50);
        }
        hills.lineTo(w, h);
        g.fill(hills);
    }

    private static void stage(Graphics2D g, int w, int h) {
        g.setColor(new Color(0x151018));
        g.fillRect(0, 0, w, h);
        for (int side = 0; side < 2; side++) {
            float x = side == 0 ? w * 0.3f : w * 0.7f;
            g.setPaint(new RadialGradientPaint(x, h * 0.1f, h * 0.9f, new float[] {0f, 1f},
                    new Color[] {new Color(255, 240, 200, 170), new Color(255, 240, 200, 0)}));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(0x6b2d2d));
            g.fillRect((int) x - 120, h / 2, 240, h / 3);
            g.setColor(new Color(0xc9a24a));
            g.fillRect((int) x - 130, h / 2, 260, 24);
        }
        g.setColor(new Color(0x2a2330));
        g.fillRect(0, h * 5 / 6, w, h / 6);
    }

    private static void skyline(Graphics2D g, int w, int h) {
        sky(g, w, h, new Color(0x2b1e4f), new Color(0xf29e4c));
        Random r = new Random(4);
        for (int x = 0; x < w; ) {
            int bw = 60 + r.nextInt(140);
            int bh = 150 + r.nextInt(h / 2);
            g.setColor(new Color(20 + r.nextInt(20), 18 + r.nextInt(20), 35 + r.nextInt(25)));
            g.fillRect(x, h - bh, bw, bh);
            g.setColor(new Color(0xffd27a));
            for (int wy = h - bh + 20; wy < h - 20; wy += 36) {
                for (int wx = x + 10; wx < x + bw - 16; wx += 26) {
                    if (r.nextInt(4) == 0) {
                        g.fillRect(wx, wy, 10, 16);
                    }
                }
            }
            x += bw + 6;
        }
        g.setColor(new Color(0xfff1c1));
        g.fill(new Ellipse2D.Double(1330, 630, 140, 140));
    }

    private static void film(Graphics2D g, int w, int h) {
        g.setColor(new Color(0x121212));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0xdedede));
        for (int x = 20; x < w; x += 60) {
            g.fillRoundRect(x, 30, 30, 40, 8, 8);
            g.fillRoundRect(x, h - 70, 30, 40, 8, 8);
        }
        Random r = new Random(5);
        for (int i = 0; i < 4; i++) {
            int fx = 40 + i * (w - 80) / 4;
            int fw = (w - 80) / 4 - 30;
            int tone = 110 + r.nextInt(80);
            g.setPaint(new GradientPaint(fx, 110, new Color(tone, tone, tone), fx + fw, h - 110,
                    new Color(tone / 3, tone / 3, tone / 3)));
            g.fillRect(fx, 110, fw, h - 220);
            g.setColor(new Color(0x303030));
            g.fill(new Ellipse2D.Double(fx + fw * 0.3, h * 0.35, fw * 0.4, fw * 0.4));
        }
    }

    private static void set(Graphics2D g, int w, int h) {
        g.setColor(new Color(0xf2c14e));
        g.fillRect(0, 0, w, h);
        Color[] colors = {new Color(0xe4572e), new Color(0x17bebb), new Color(0x2e282a), new Color(0x76b041)};
        Random r = new Random(6);
        for (int i = 0; i < 14; i++) {
            g.setColor(colors[i % colors.length]);
            int s = 120 + r.nextInt(320);
            if (i % 2 == 0) {
                g.fill(new Ellipse2D.Double(r.nextInt(w), r.nextInt(h), s, s));
            } else {
                g.fillRect(r.nextInt(w), r.nextInt(h), s, s / 2);
            }
        }
        g.setColor(new Color(0x3b2f2f));
        g.fillRect(0, h * 4 / 5, w, h / 5);
    }

    private static void valley(Graphics2D g, int w, int h) {
        sky(g, w, h, new Color(0xa7c7e7), new Color(0xf6f1d5));
        Color[] layers = {new Color(0x6f9a6a), new Color(0x4f7d4a), new Color(0x345f31), new Color(0x22401f)};
        for (int i = 0; i < layers.length; i++) {
            g.setColor(layers[i]);
            Path2D hill = new Path2D.Double();
            hill.moveTo(0, h);
            for (int x = 0; x <= w; x += 40) {
                hill.lineTo(x, h * (0.45 + i * 0.12) + Math.sin(x / (180.0 + i * 60) + i) * 60);
            }
            hill.lineTo(w, h);
            g.fill(hill);
        }
        g.setColor(new Color(0x8fb3c9));
        g.setStroke(new BasicStroke(40, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D river = new Path2D.Double();
        river.moveTo(w * 0.45, h);
        river.curveTo(w * 0.7, h * 0.85, w * 0.3, h * 0.75, w * 0.55, h * 0.6);
        g.draw(river);
    }

    private static void mural(Graphics2D g, int w, int h) {
        Color[] colors = {new Color(0xd1495b), new Color(0xedae49), new Color(0x00798c), new Color(0x30638e),
                new Color(0xf4e3b1)};
        Random r = new Random(7);
        int tile = 125;
        for (int y = 0; y < h; y += tile) {
            for (int x = 0; x < w; x += tile) {
                g.setColor(colors[r.nextInt(colors.length)]);
                g.fillRect(x, y, tile, tile);
                g.setColor(colors[r.nextInt(colors.length)]);
                if (r.nextBoolean()) {
                    g.fill(new Ellipse2D.Double(x + 20, y + 20, tile - 40, tile - 40));
                } else {
                    Path2D diamond = new Path2D.Double();
                    diamond.moveTo(x + tile / 2.0, y + 10);
                    diamond.lineTo(x + tile - 10, y + tile / 2.0);
                    diamond.lineTo(x + tile / 2.0, y + tile - 10);
                    diamond.lineTo(x + 10, y + tile / 2.0);
                    diamond.closePath();
                    g.fill(diamond);
                }
            }
        }
    }

}
