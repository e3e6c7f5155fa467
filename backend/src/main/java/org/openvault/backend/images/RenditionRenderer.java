package org.openvault.backend.images;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Cuts one rendition out of an original with the JDK's ImageIO, keeping its format (JPEG, PNG, GIF, BMP).
 * Only the crop box is decoded, subsampled when it is much larger than the target, so a big original does not need
 * a big heap.
 */
final class RenditionRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // no temp files: the container's root filesystem is read-only
    }

    private static final float JPEG_QUALITY = 0.85f;

    /** The encoded rendition, the file extension of its format and its size. */
    record Rendered(byte[] bytes, String extension, int width, int height) {
    }

    Rendered render(InputStream original, FocalPoint focalPoint, FilterSpec spec) throws SourceImageException {
        try (ImageInputStream input = ImageIO.createImageInputStream(original)) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new SourceImageException("unsupported image format", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                FillCrop crop = FillCrop.of(reader.getWidth(0), reader.getHeight(0), focalPoint, spec);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle(crop.left(), crop.top(), crop.width(), crop.height()));
                if (crop.scales()) {
                    // Decode at no less than twice the target size; the smooth downscale below does the rest.
                    int step = Math.max(1, crop.width() / (crop.outputWidth() * 2));
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (crop.scales() || image.getWidth() != crop.outputWidth() || image.getHeight() != crop.outputHeight()) {
                    image = scale(image, crop.outputWidth(), crop.outputHeight());
                }
                return encode(image, format);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new SourceImageException("cannot read image: " + e.getMessage(), e);
        }
    }

    /** Halves with bilinear filtering while that stays above the target, then one bicubic step to the exact size. */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, type, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(current, width, height, type, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type, Object interpolation) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static Rendered encode(BufferedImage image, String format) throws IOException {
        String writerFormat = switch (format) {
            case "jpeg", "jpg" -> "jpeg";
            case "png", "gif", "bmp" -> format;
            // No WebP writer: photographs become JPEG, transparent images PNG.
            case "webp" -> image.getColorModel().hasAlpha() ? "png" : "jpeg";
            default -> "png";
        };
        if (!writerFormat.equals("png") && image.getColorModel().hasAlpha()) {
            image = flatten(image); // JPEG and BMP carry no alpha channel
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(writerFormat).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (writerFormat.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        String extension = writerFormat.equals("jpeg") ? "jpg" : writerFormat;
        return new Rendered(bytes.toByteArray(), extension, image.getWidth(), image.getHeight());
    }

    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
