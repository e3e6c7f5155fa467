package org.openvault.backend.images;

import java.nio.file.Path;

import io.helidon.config.Config;

/** The media storage that {@code ov.media.storage} names: {@code local} (a folder, the default) or {@code s3}. */
public final class ImageStorages {

    private ImageStorages() {
    }

    public static ImageStorage fromConfig(Config media) {
        String kind = media.get("storage").asString().orElse("local");
        return switch (kind) {
            case "local" -> new LocalImageStorage(Path.of(media.get("root").asString().orElse(".ov/media")));
            case "s3" -> S3ImageStorage.fromConfig(media.get("s3"));
            default -> throw new IllegalStateException("ov.media.storage (OV_MEDIA_STORAGE) is '" + kind
                    + "'; it must be local or s3");
        };
    }
}
