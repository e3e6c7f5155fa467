package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import io.helidon.http.Status;
import org.openvault.backend.admin.AdminProblem;
import org.openvault.backend.validation.ValidationException;

/**
 * Checks an uploaded file before anything is stored: its format from its first bytes (415 unless JPEG, PNG or GIF),
 * its size from its header without decoding a pixel (422 past the pixel limit: a few bytes can claim an image that
 * would need gigabytes once decoded), then a small subsampled decode, which proves renditions can be made of it
 * (422 when it is corrupt).
 */
final class ImageInspector {

    /** Long side of the trial decode: enough to touch every part of the file, little memory. */
    private static final int TRIAL_SIZE = 512;

    /** What the file is. */
    record Inspected(ImageFormat format, int width, int height) {
    }

    private final long maxPixels;

    ImageInspector(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    Inspected inspect(Path file) {
        ImageFormat format = format(file);
        int[] size = new int[2];
        String failure = read(file, format, size);
        if (failure != null) {
            throw ValidationException.of("/file", "unreadable_image",
                    "the file is not a readable " + format.name() + " image (" + failure + ")");
        }
        return new Inspected(format, size[0], size[1]);
    }

    private static ImageFormat format(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ImageFormat.MAGIC_BYTES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (head.length == 0) {
            throw ValidationException.of("/file", "empty", "the file is empty");
        }
        ImageFormat format = ImageFormat.sniff(head);
        if (format == null) {
            throw new AdminProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_image_type",
                    "only JPEG, PNG, GIF and WebP images are accepted, and this file is none of them (judged by its"
                            + " content, not its name; SVG is not accepted)");
        }
        return format;
    }

    /** Reads the size into {@code size} and decodes a small version; answers why it failed, or null. */
    private String read(Path file, ImageFormat format, int[] size) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format.imageIoName()).next();
        try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
            reader.setInput(input, true, true);
            size[0] = reader.getWidth(0);
            size[1] = reader.getHeight(0);
            if (size[0] < 1 || size[1] < 1) {
                return "it has no pixels";
            }
            if ((long) size[0] * size[1] > maxPixels) {
                throw ValidationException.of("/file", "too_many_pixels", "the image is " + size[0] + "×" + size[1]
                        + " pixels; the most this site accepts is " + maxPixels + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.max(1, Math.ceil(Math.max(size[0], size[1]) / (double) TRIAL_SIZE));
            param.setSourceSubsampling(step, step, 0, 0);
            Renditions.RENDERING.acquireUninterruptibly();
            try {
                reader.read(0, param);
            } finally {
                Renditions.RENDERING.release();
            }
            return null;
        } catch (ValidationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders of broken files fail with IIOException and, now and then, runtime exceptions of their own.
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            reader.dispose();
        }
    }
}
