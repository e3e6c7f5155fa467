package org.openvault.frontend.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends text bodies compressed with the best coding the client accepts: Brotli, else gzip, else none. Pages are
 * compressed at fast settings, and an unchanged page only once while it is among the recently compressed; shipped
 * assets once, at the best settings ({@link #brotliBest}).
 * Brotli needs its native library (bundled for Linux x86-64); without it, gzip is the best on offer.
 */
public final class Compression {

    /** A content coding of a response. */
    public enum Coding {
        BROTLI("br"), GZIP("gzip"), IDENTITY("identity");

        private final String token;

        Coding(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    private static final Logger LOG = Logger.getLogger(Compression.class.getName());
    private static final int MIN_SIZE = 1024;
    private static final boolean BROTLI = loadBrotli();
    // Quality 4 compresses pages smaller than gzip's fastest level at a similar cost; 11 is for files done once.
    // A 64 kB window (pages are ~20-60 kB) keeps the encoder's native buffers small: the default 4 MB window made
    // every compressing request allocate megabytes outside the heap and grew the RSS past 250 MB under load.
    private static final Encoder.Parameters BROTLI_FAST = new Encoder.Parameters().setQuality(4).setWindow(16)
            .setMode(Encoder.Mode.TEXT);

    private static final Header VARY = HeaderValues.createCached(HeaderNames.VARY, "Accept-Encoding");
    private static final Header BROTLI_ENCODED = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "br");
    private static final Header GZIP_ENCODED = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "gzip");

    private final RecentlyCompressed recent;

    /** @param cacheMaxBytes budget for remembering recently compressed bodies (0 = compress every time) */
    public Compression(long cacheMaxBytes) {
        this.recent = new RecentlyCompressed(cacheMaxBytes);
    }

    /** Sends {@code body}, compressed when worthwhile and accepted; always marks the response as varying by encoding. */
    public void send(ServerRequest req, ServerResponse res, byte[] body) {
        send(req, res, encodings(body));
    }

    /** Like {@link #send(ServerRequest, ServerResponse, byte[])}, with the compressed forms kept by {@code body}. */
    public void send(ServerRequest req, ServerResponse res, Encodings body) {
        send(req, res, body.body(), body::form);
    }

    /**
     * {@code body} with the form it will be sent in to {@code req} made now (or found among the recently compressed),
     * its other forms when first asked for.
     */
    public Encodings prepared(ServerRequest req, byte[] body) {
        Encodings encodings = encodings(body);
        encodings.form(codingFor(req, body));
        return encodings;
    }

    /** {@code body} with its compressed forms, each found among the recently compressed or made, and kept with it. */
    private Encodings encodings(byte[] body) {
        return new Encodings(body, coding -> recentForm(coding, body));
    }

    private byte[] recentForm(Coding coding, byte[] body) {
        return recent.compressed(coding, body, page -> compress(coding, page));
    }

    /** How {@code body} is sent to {@code req}: as it is when small or when only the headers go (HEAD). */
    private static Coding codingFor(ServerRequest req, byte[] body) {
        return req.prologue().method() == Method.HEAD || body.length < MIN_SIZE ? Coding.IDENTITY : negotiate(req);
    }

    private static void send(ServerRequest req, ServerResponse res, byte[] body, Function<Coding, byte[]> form) {
        res.header(VARY);
        if (req.prologue().method() == Method.HEAD) {
            // Helidon writes an entity even for HEAD: answer with the headers only.
            res.send();
            return;
        }
        Coding coding = codingFor(req, body);
        switch (coding) {
            case BROTLI -> res.header(BROTLI_ENCODED).send(form.apply(coding));
            case GZIP -> res.header(GZIP_ENCODED).send(form.apply(coding));
            case IDENTITY -> res.send(body);
        }
    }

    private static byte[] compress(Coding coding, byte[] body) {
        return coding == Coding.BROTLI ? brotli(body, BROTLI_FAST) : gzip(body);
    }

    /** A body and its compressed forms, each made the first time it is asked for and kept with the body. */
    public static final class Encodings {
        private final byte[] body;
        private final Function<Coding, byte[]> compress;
        private volatile byte[] brotli;
        private volatile byte[] gzip;

        private Encodings(byte[] body, Function<Coding, byte[]> compress) {
            this.body = body;
            this.compress = compress;
        }

        public byte[] body() {
            return body;
        }

        byte[] form(Coding coding) {
            return switch (coding) {
                case BROTLI -> brotli != null ? brotli : (brotli = compress.apply(coding));
                case GZIP -> gzip != null ? gzip : (gzip = compress.apply(coding));
                case IDENTITY -> body;
            };
        }
    }

    /** The coding to answer {@code req} with, from its Accept-Encoding and what this server can do. */
    public static Coding negotiate(ServerRequest req) {
        return choose(req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse(""), BROTLI);
    }

    /**
     * The accepted coding with the highest q-value (HTTP's Accept-Encoding rules) (Brotli wins a tie), {@code *} standing for
     * codings not named, {@code q=0} refusing one; identity when nothing compressed is acceptable.
     */
    static Coding choose(String acceptEncoding, boolean brotliAvailable) {
        double brotli = -1;
        double gzip = -1;
        double any = -1;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String name = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    q = quality(param.substring(2));
                }
            }
            switch (name) {
                case "br" -> brotli = q;
                case "gzip", "x-gzip" -> gzip = q;
                case "*" -> any = q;
                default -> { }
            }
        }
        brotli = brotli < 0 ? any : brotli;
        gzip = gzip < 0 ? any : gzip;
        if (brotliAvailable && brotli > 0 && brotli >= gzip) {
            return Coding.BROTLI;
        }
        return gzip > 0 ? Coding.GZIP : Coding.IDENTITY;
    }

    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value.strip());
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The gzip form of {@code body} at the fastest level (pages are compressed on every request). */
    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The Brotli form of a file that is compressed once and served many times; null without Brotli. The window is
     * the smallest that holds the file: at quality 11 the encoder's tables grow with the window (32 MB for the
     * default 4 MB one), and malloc keeps such memory long after the encoder is done.
     */
    public static byte[] brotliBest(byte[] body) {
        if (!BROTLI) {
            return null;
        }
        int window = 10;
        while (window < 24 && (1 << window) - 16 < body.length) {
            window++;
        }
        return brotli(body, new Encoder.Parameters().setQuality(11).setWindow(window).setMode(Encoder.Mode.TEXT));
    }

    private static byte[] brotli(byte[] body, Encoder.Parameters parameters) {
        try {
            return Encoder.compress(body, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) {
            LOG.warning("Brotli is not available on this platform, responses use gzip: " + e);
            return false;
        }
    }
}
