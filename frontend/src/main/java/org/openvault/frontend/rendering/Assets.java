package org.openvault.frontend.rendering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.common.LazyValue;

/**
 * The static files under {@code src/main/resources/static}, loaded once and served under fingerprinted names
 * ({@code /assets/site.3f2a9c1b0d.css}) so browsers may keep them for a year. {@code url(…)} references between
 * them (fonts in the CSS) are rewritten to the fingerprinted names.
 */
public final class Assets {

    /** Every shipped file, fonts first so the stylesheet can refer to their fingerprinted names. */
    private static final List<String> FILES = List.of(
            "fonts/red-hat-display-latin-400-normal.woff2",
            "fonts/red-hat-display-latin-500-normal.woff2",
            "fonts/red-hat-display-latin-700-normal.woff2",
            "fonts/red-hat-text-latin-400-normal.woff2",
            "fonts/red-hat-text-latin-400-italic.woff2",
            "fonts/red-hat-text-latin-700-normal.woff2",
            "fonts/OFL.txt",
            "og-default.png",
            "masterpiece.svg",
            "favicon.svg",
            "site.css",
            "site.js");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\"?([^)\"]+)\"?\\)");

    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Asset> byUrl = new LinkedHashMap<>();

    public Assets() {
        for (String name : FILES) {
            byte[] bytes = read(name);
            if (name.endsWith(".css")) {
                bytes = rewriteUrls(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            int dot = name.lastIndexOf('.');
            String url = "/assets/" + name.substring(0, dot) + "." + fingerprint(bytes) + name.substring(dot);
            urls.put(name, url);
            String type = contentType(name);
            boolean text = type.startsWith("text/") || type.startsWith("image/svg");
            byte[] body = bytes;
            byUrl.put(url, text
                    ? new Asset(body, Compression.gzip(body), LazyValue.create(() -> Compression.brotliBest(body)), type)
                    : new Asset(body, null, null, type));
        }
    }

    /** The fingerprinted URL of a shipped file, e.g. {@code url("site.css")}. */
    public String url(String name) {
        String url = urls.get(name);
        if (url == null) {
            throw new IllegalArgumentException("No static asset " + name);
        }
        return url;
    }

    /** The file served at a fingerprinted URL, or null. */
    public Asset at(String url) {
        return byUrl.get(url);
    }

    /**
     * A shipped file: its bytes, their gzip and Brotli forms for text files (null for fonts, compressed already,
     * and Brotli null where it is not available), its type. The Brotli form, at the best settings, is made when first
     * asked for: ~50 ms of CPU for all the files, which start-up does without.
     */
    public record Asset(byte[] bytes, byte[] gzipped, LazyValue<byte[]> brotli, String contentType) {

        /** The body for a response in {@code coding}, or null when this file has no such form. */
        public byte[] encoded(Compression.Coding coding) {
            return switch (coding) {
                case BROTLI -> brotli == null ? null : brotli.get();
                case GZIP -> gzipped;
                case IDENTITY -> bytes;
            };
        }
    }

    private String rewriteUrls(String css) {
        Matcher reference = CSS_URL.matcher(css);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String target = urls.get(reference.group(1));
            reference.appendReplacement(out, Matcher.quoteReplacement(
                    target == null ? reference.group() : "url(\"" + target + "\")"));
        }
        reference.appendTail(out);
        return out.toString();
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=UTF-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=UTF-8";
        }
        if (name.endsWith(".woff2")) {
            return "font/woff2";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "text/plain; charset=UTF-8";
    }
}
