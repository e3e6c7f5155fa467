package org.openvault.backend.images;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rendition filter: only {@code fill-WxH} is in use. */
public record FilterSpec(int width, int height) {

    private static final Pattern FILL = Pattern.compile("fill-([1-9][0-9]{0,3})x([1-9][0-9]{0,3})");

    public FilterSpec {
        if (width < 1 || height < 1 || width > 9999 || height > 9999) {
            throw new IllegalArgumentException("fill size out of range: " + width + "x" + height);
        }
    }

    public static FilterSpec parse(String spec) {
        Matcher m = spec == null ? null : FILL.matcher(spec);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("unsupported filter spec: " + spec);
        }
        return new FilterSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return "fill-" + width + "x" + height;
    }
}
