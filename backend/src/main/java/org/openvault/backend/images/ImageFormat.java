package org.openvault.backend.images;

import java.util.Arrays;

/**
 * The formats an upload may have, told from the file's first bytes (its magic number), never from its name or the
 * Content-Type the client sent. Only formats the renditions can decode are accepted: the JDK's ImageIO reads JPEG,
 * PNG and GIF, and TwelveMonkeys' reader adds WebP (its renditions are written as JPEG, or PNG when transparent);
 * anything else, SVG included, is not an image we take.
 */
enum ImageFormat {

    JPEG("jpeg", "jpg"),
    PNG("png", "png"),
    GIF("gif", "gif"),
    WEBP("webp", "webp");

    /** How many first bytes {@link #sniff} needs. */
    static final int MAGIC_BYTES = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String imageIoName;
    private final String extension;

    ImageFormat(String imageIoName, String extension) {
        this.imageIoName = imageIoName;
        this.extension = extension;
    }

    /** The format whose signature the bytes start with, or null. */
    static ImageFormat sniff(byte[] head) {
        if (startsWith(head, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(head, ascii("RIFF")) && head.length >= MAGIC_BYTES
                && Arrays.equals(head, 8, 12, ascii("WEBP"), 0, 4)) {
            return WEBP;
        }
        return null;
    }

    /** The ImageIO format name of its reader. */
    String imageIoName() {
        return imageIoName;
    }

    /** The file extension originals of this format are stored with. */
    String extension() {
        return extension;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
