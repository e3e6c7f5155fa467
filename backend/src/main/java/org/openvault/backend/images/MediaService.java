package org.openvault.backend.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openvault.backend.api.ApiErrors;

/**
 * {@code /media/<path>}: originals and renditions streamed from the storage (a local folder or a private bucket), with
 * a long immutable cache lifetime (their names never get new content). A recorded rendition whose file is gone is
 * re-created on the spot; a storage that does not answer gives 503.
 */
public final class MediaService implements HttpService {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final ImageStorage storage;
    private final Renditions renditions;

    public MediaService(ImageStorage storage, Renditions renditions) {
        this.storage = storage;
        this.renditions = renditions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(Method.GET, "/{+path}", this::serve)
                .route(Method.HEAD, "/{+path}", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) throws IOException {
        String path = req.path().pathParameters().first("path").orElse("");
        if (!MediaPath.isValid(path)) {
            ApiErrors.send(res, Status.BAD_REQUEST_400, "invalid media path");
            return;
        }
        ImageStorage.StoredFile file = open(path);
        if (file == null) {
            ApiErrors.send(res, Status.NOT_FOUND_404, "not found");
            return;
        }
        try (file) {
            res.header(HeaderNames.CONTENT_TYPE, contentType(path));
            res.header(HeaderNames.CACHE_CONTROL, CACHE_FOREVER);
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(file.size()));
            if (req.prologue().method() == Method.HEAD) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                file.content().transferTo(out);
            }
        }
    }

    /** The stored file, or a recorded rendition re-created on the spot; null when there is neither. */
    private ImageStorage.StoredFile open(String path) throws IOException {
        try {
            return storage.open(path);
        } catch (NoSuchFileException e) {
            if (!path.startsWith("images/") || !renditions.restore(path)) {
                return null;
            }
        }
        try {
            return storage.open(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static String contentType(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "avif" -> "image/avif";
            case "bmp" -> "image/bmp";
            default -> "application/octet-stream";
        };
    }
}
