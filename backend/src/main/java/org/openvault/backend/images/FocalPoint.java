package org.openvault.backend.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The editor-chosen area of interest: a rectangle centred on (x, y), in pixels of the original. */
public record FocalPoint(int x, int y, int width, int height) {

    /** The key renditions are cached under when there is no focal point (Wagtail's, kept for familiar file names). */
    public static final String NONE_KEY = key("None-None-None-None");

    /** Wagtail's focal point key: the first 8 hex digits of sha1("width-height-x-y"). */
    public static String keyOf(FocalPoint focalPoint) {
        return focalPoint == null ? NONE_KEY
                : key(focalPoint.width + "-" + focalPoint.height + "-" + focalPoint.x + "-" + focalPoint.y);
    }

    private static String key(String varyString) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(varyString.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
