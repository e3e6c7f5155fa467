package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

/**
 * Renditions on first use: looked up in {@code image_rendition}; when missing, rendered from the original,
 * written to the storage as {@code images/<name>.<focal key>.<spec>.<ext>} and recorded.
 * <p>
 * Concurrent first requests for the same rendition in this process share one rendering and wait for it at most
 * {@code renderWait} (then 503). Across processes the names are deterministic, the storage replaces a file whole
 * (an atomic rename, an S3 PUT) and the unique constraint ({@code ON CONFLICT DO NOTHING}) keeps one row, so
 * replicas rendering the same rendition at once end with one file and one row. Every rendering counts in the metric
 * {@code ov_renditions_rendered}.
 */
public final class Renditions {

    private static final Logger LOG = Logger.getLogger(Renditions.class.getName());

    // Rendering holds decoded pixels in memory; two at a time keeps a small heap safe on a 2-core machine. Uploads
    // take a permit too while their trial decode runs (ImageInspector).
    static final Semaphore RENDERING = new Semaphore(2);

    private final ImageRepository images;
    private final ImageStorage storage;
    private final RenditionRenderer renderer = new RenditionRenderer();
    private final ConcurrentMap<String, CompletableFuture<Rendition>> inFlight = new ConcurrentHashMap<>();
    private final Duration renderWait;
    private final Counter renderings = Metrics.globalRegistry().getOrCreate(Counter.builder("ov_renditions_rendered")
            .description("Renditions rendered from their originals"));

    /** {@code renderWait}: how long a request waits for a rendering slot or for the same rendition's rendering. */
    public Renditions(ImageRepository images, ImageStorage storage, Duration renderWait) {
        this.images = images;
        this.storage = storage;
        this.renderWait = renderWait;
    }

    /** The rendition of the image for the spec, rendering and storing it when this is its first use. */
    public Rendition rendition(Image image, FilterSpec spec) throws SourceImageException {
        String key = image.focalPointKey();
        Optional<Rendition> stored = images.findRendition(image.id(), spec.toString(), key);
        if (stored.isPresent()) {
            return stored.get();
        }
        return renderOnce(image, spec, false);
    }

    /**
     * Renders, stores and records the rendition; concurrent callers for the same one share a single rendering.
     * {@code again}: render even when it is recorded (its file is lost); otherwise a rendering that finished between
     * the caller's lookup and this call is reused.
     */
    private Rendition renderOnce(Image image, FilterSpec spec, boolean again) throws SourceImageException {
        String key = image.focalPointKey();
        CompletableFuture<Rendition> mine = new CompletableFuture<>();
        String flightKey = image.id() + "/" + spec + "/" + key;
        CompletableFuture<Rendition> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) {
            return await(running, renderWait);
        }
        try {
            Optional<Rendition> stored = again ? Optional.empty()
                    : images.findRendition(image.id(), spec.toString(), key);
            Rendition rendition = stored.isPresent() ? stored.get()
                    : images.saveRendition(image.id(), spec.toString(), key, render(image, spec));
            mine.complete(rendition);
            return rendition;
        } catch (SourceImageException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flightKey, mine);
        }
    }

    /**
     * Re-creates a rendition file that is recorded but missing from the storage (e.g. a fresh volume), so that
     * {@code /media/} never answers 404 for a URL the API handed out. Answers whether the file now exists.
     */
    public boolean restore(String file) {
        Optional<ImageRepository.RenditionSource> source = images.renditionSource(file);
        if (source.isEmpty()) {
            return false;
        }
        Optional<Image> image = images.find(source.get().imageId());
        if (image.isEmpty()) {
            return false;
        }
        try {
            Rendition rendered = renderOnce(image.get(), FilterSpec.parse(source.get().filterSpec()), true);
            return rendered.file().equals(file) && storage.exists(file);
        } catch (SourceImageException | IllegalArgumentException e) {
            return false;
        }
    }

    private Rendition render(Image image, FilterSpec spec) throws SourceImageException {
        RenditionRenderer.Rendered rendered;
        takeRenderingSlot();
        try (InputStream original = storage.read(image.file())) {
            rendered = renderer.render(original, image.focalPoint(), spec);
            renderings.increment();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("Image " + image.id() + ": cannot read original " + image.file() + ": " + e);
            throw new SourceImageException("cannot read " + image.file() + ": " + e.getMessage(), e);
        } catch (SourceImageException e) {
            LOG.warning("Image " + image.id() + ": cannot decode original " + image.file() + ": " + e.getMessage());
            throw e;
        } finally {
            RENDERING.release();
        }
        String file = "images/" + baseName(image.file()) + "." + image.focalPointKey() + "." + spec
                + "." + rendered.extension();
        try {
            storage.write(file, rendered.bytes());
        } catch (IOException e) {
            // The page still renders (with the error object for this image); the log says why.
            LOG.log(Level.SEVERE, "Image " + image.id() + ": cannot store rendition " + file, e);
            throw new SourceImageException("cannot store " + file + ": " + e.getMessage(), e);
        }
        return new Rendition(file, rendered.width(), rendered.height());
    }

    private static String baseName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        return name.length() > 59 ? name.substring(0, 59) : name;
    }

    private void takeRenderingSlot() {
        try {
            if (!RENDERING.tryAcquire(renderWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(e);
        }
    }

    private static Rendition await(CompletableFuture<Rendition> running, Duration wait) throws SourceImageException {
        try {
            return running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw busy(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case SourceImageException source -> throw source;
                case RuntimeException failure -> throw failure;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static MediaUnavailableException busy(Exception cause) {
        return new MediaUnavailableException("images are being rendered; try again shortly", cause);
    }
}
