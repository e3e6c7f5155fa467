package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Image files in a local folder (config {@code ov.media.root}), served by the backend under {@code /media/}. */
public final class LocalImageStorage implements ImageStorage {

    private final Path root;

    public LocalImageStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public InputStream read(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public void write(String path, byte[] bytes) throws IOException {
        replace(resolve(path), temp -> Files.write(temp, bytes));
    }

    @Override
    public void write(String path, Path source) throws IOException {
        replace(resolve(path), temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(resolve(path));
    }

    @Override
    public String url(String path) {
        return "/media/" + MediaPath.check(path);
    }

    /** Fills a file beside the target, then renames it: concurrent writers of one path never expose a half file. */
    private static void replace(Path target, Fill fill) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            fill.into(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @FunctionalInterface
    private interface Fill {
        void into(Path temp) throws IOException;
    }

    private Path resolve(String path) {
        Path resolved = root.resolve(MediaPath.check(path)).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("invalid media path");
        }
        return resolved;
    }
}
