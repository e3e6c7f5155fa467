package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where image files live: originals ({@code original_images/…}) and renditions ({@code images/…}), addressed by
 * a relative path made of {@link MediaPath#check checked} segments.
 * <p>
 * {@link LocalImageStorage} keeps them in a folder and the backend serves them under {@code /media/}. An
 * S3-compatible storage plugs in by implementing this interface with an S3 client (GetObject, PutObject,
 * HeadObject, DeleteObject on {@code <prefix>/<path>}) and answering {@link #url} with a pre-signed GET URL; the
 * JSON then carries that absolute URL as both {@code url} and {@code full_url}, as the original does in production.
 */
public interface ImageStorage {

    /** Opens a stored file; throws {@link java.nio.file.NoSuchFileException} when it is absent. */
    InputStream read(String path) throws IOException;

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

    /** The URL under which clients fetch the file: {@code /media/<path>} locally, absolute for remote storages. */
    String url(String path);
}
