package org.openvault.frontend.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends text bodies gzip-compressed when the client accepts it (Helidon's gzip encoding module is not available
 * for 4.5.0 in the repositories we can reach, and pages are rendered into memory anyway).
 */
public final class Compression {

    private static final int MIN_SIZE = 1024;

    private Compression() {
    }

    /** Sends {@code body}, compressed when worthwhile and accepted; always marks the response as varying by encoding. */
    public static void send(ServerRequest req, ServerResponse res, byte[] body) {
        res.header(HeaderNames.VARY, "Accept-Encoding");
        if (req.prologue().method() == io.helidon.http.Method.HEAD) {
            // Helidon writes an entity even for HEAD: answer with the headers only.
            res.send();
        } else if (body.length >= MIN_SIZE && acceptsGzip(req)) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip").send(gzip(body));
        } else {
            res.send(body);
        }
    }

    /** The gzip form of {@code body}, for content that is compressed once and served many times. */
    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        // Pages are compressed on every request: the fastest level costs a fraction of the default's CPU.
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean acceptsGzip(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT_ENCODING)
                .map(value -> value.toLowerCase(java.util.Locale.ROOT).contains("gzip"))
                .orElse(false);
    }
}
