package org.openvault.backend.images;

import java.util.regex.Pattern;

/** The one rule for paths inside the media storage, so that no request can reach outside it. */
public final class MediaPath {

    // Segments start with a letter or digit, so '.', '..' and hidden files are impossible; no '\', ':' or NUL.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private MediaPath() {
    }

    /** Answers the path unchanged when it is a safe relative path, or throws {@link IllegalArgumentException}. */
    public static String check(String path) {
        if (path == null || path.isEmpty() || path.length() > 1024) {
            throw new IllegalArgumentException("invalid media path");
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid media path");
            }
        }
        return path;
    }

    public static boolean isValid(String path) {
        try {
            check(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
