package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where image files live: originals ({@code original_images/…}) and renditions ({@code images/…}), addressed by
 * a relative path made of {@link MediaPath#check checked} segments.
 * <p>
 * {@link LocalImageStorage} keeps them in a folder, {@link S3ImageStorage} in a private S3-compatible bucket; either
 * way the backend serves them under {@code /media/}. A storage that cannot be reached throws
 * {@link MediaUnavailableException} (503), so an outage is never taken for a missing or broken file.
 */
public interface ImageStorage {

    /** A stored file opened for reading, with its size. */
    record StoredFile(InputStream content, long size) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    /** Opens a stored file; throws {@link java.nio.file.NoSuchFileException} when it is absent. */
    InputStream read(String path) throws IOException;

    /**
     * Opens a stored file with its size; throws {@link java.nio.file.NoSuchFileException} when it is absent. Remote
     * storages answer both with one request.
     */
    default StoredFile open(String path) throws IOException {
        long size = size(path);
        return new StoredFile(read(path), size);
    }

    /** Stores a file atomically: readers see either no file, the old one, or the whole new one — never a part. */
    void write(String path, byte[] bytes) throws IOException;

    /**
     * Stores the content of a local file (an upload spooled to a temporary file) atomically, as {@link #write(String,
     * byte[])}. The default reads it into memory; storages that can stream it (a local copy, an S3 PutObject with
     * its length) should.
     */
    default void write(String path, Path source) throws IOException {
        write(path, Files.readAllBytes(source));
    }

    /** Removes a stored file; a file that is already absent is no error. */
    void delete(String path) throws IOException;

    boolean exists(String path);

    /** Size in bytes; throws {@link java.nio.file.NoSuchFileException} when the file is absent. */
    long size(String path) throws IOException;

    /**
     * The URL under which clients fetch the file: {@code /media/<path>}, or an absolute URL when renditions are
     * published through a CDN.
     */
    String url(String path);

    /** Whether the storage answers now (readiness); a local folder always does. */
    default boolean answers() {
        return true;
    }
}
