package org.openvault.backend.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.openvault.backend.images.ImageStorage;

/** Ready only while the media storage answers: without it pages lose their images and /media/ answers 503. */
public final class MediaStorageReadiness implements HealthCheck {

    private final ImageStorage storage;

    public MediaStorageReadiness(ImageStorage storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "media-storage";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder()
                .status(storage.answers() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN)
                .build();
    }
}
