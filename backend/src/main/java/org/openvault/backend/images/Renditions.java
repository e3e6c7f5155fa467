package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renditions on first use (§1.8): looked up in {@code image_rendition}; when missing, rendered from the original,
 * written to the storage as {@code images/<name>.<focal key>.<spec>.<ext>} and recorded.
 * <p>
 * Concurrent first requests for the same rendition in this process share one rendering; across processes the
 * atomic file write and the unique constraint ({@code ON CONFLICT DO NOTHING}) keep one consistent file and row.
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

    public Renditions(ImageRepository images, ImageStorage storage) {
        this.images = images;
        this.storage = storage;
    }

    /** The rendition of the image for the spec, rendering and storing it when this is its first use. */
    public Rendition rendition(Image image, FilterSpec spec) throws SourceImageException {
        String key = image.focalPointKey();
        Optional<Rendition> stored = images.findRendition(image.id(), spec.toString(), key);
        if (stored.isPresent()) {
            return stored.get();
        }
        CompletableFuture<Rendition> mine = new CompletableFuture<>();
        String flightKey = image.id() + "/" + spec + "/" + key;
        CompletableFuture<Rendition> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Rendition rendition = images.saveRendition(image.id(), spec.toString(), key, render(image, spec));
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
            Rendition rendered = render(image.get(), FilterSpec.parse(source.get().filterSpec()));
            return rendered.file().equals(file) && storage.exists(file);
        } catch (SourceImageException | IllegalArgumentException e) {
            return false;
        }
    }

    private Rendition render(Image image, FilterSpec spec) throws SourceImageException {
        RenditionRenderer.Rendered rendered;
        RENDERING.acquireUninterruptibly();
        try (InputStream original = storage.read(image.file())) {
            rendered = renderer.render(original, image.focalPoint(), spec);
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

    private static Rendition await(CompletableFuture<Rendition> running) throws SourceImageException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceImageException source) {
                throw source;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
