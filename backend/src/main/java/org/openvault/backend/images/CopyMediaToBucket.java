package org.openvault.backend.images;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.helidon.config.Config;
import org.openvault.backend.Settings;

/**
 * Command: copies a local media folder (originals and renditions, or a Wagtail site's whole {@code MEDIA_ROOT}) into
 * the bucket the backend's {@code OV_MEDIA_S3_*} settings name, for moving a site to {@code OV_MEDIA_STORAGE=s3}.
 * {@code java -cp 'backend/target/backend.jar:backend/target/libs/*' org.openvault.backend.images.CopyMediaToBucket
 * [--from=FOLDER]} (default: {@code OV_MEDIA_ROOT}).
 * <p>
 * Idempotent and resumable: a file whose object is already there with the same size is skipped, so a run that was
 * stopped is simply run again. Each copied object's size is read back and compared. Files the storage cannot name
 * (hidden files, temporary {@code .part} files) are left out and counted. Exits with 0 when every file is in the
 * bucket, 1 when some failed (listed on standard error; run again), 2 when refused (bad arguments or settings).
 */
public final class CopyMediaToBucket {

    /** What one run did. */
    record Counts(int copied, int skipped, int ignored, int failed) {
    }

    private CopyMediaToBucket() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command's work with {@code env} as its environment variables; answers the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path from;
        S3ImageStorage bucket;
        try {
            Config settings = Settings.of(env);
            Map<String, String> flags = Settings.flags(args, Set.of("from"));
            from = Path.of(flags.getOrDefault("from", settings.get("ov.media.root").asString().orElse(".ov/media")));
            if (!Files.isDirectory(from)) {
                throw new IllegalArgumentException("no such folder: " + from);
            }
            bucket = S3ImageStorage.fromConfig(settings.get("ov.media.s3"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("CopyMediaToBucket: " + e.getMessage());
            return 2;
        }
        try (bucket) {
            Counts counts = copy(from, bucket, err);
            out.printf("Copied %d, skipped %d (already in the bucket with the same size), ignored %d (names a bucket"
                    + " key cannot have), failed %d.%n", counts.copied(), counts.skipped(), counts.ignored(),
                    counts.failed());
            return counts.failed() == 0 ? 0 : 1;
        }
    }

    static Counts copy(Path from, ImageStorage bucket, PrintStream err) {
        int copied = 0;
        int skipped = 0;
        int ignored = 0;
        int failed = 0;
        for (Path file : files(from)) {
            String path = from.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            if (!MediaPath.isValid(path)) {
                ignored++;
                continue;
            }
            try {
                long size = Files.size(file);
                if (sizeInBucket(bucket, path) == size) {
                    skipped++;
                    continue;
                }
                bucket.write(path, file);
                long stored = sizeInBucket(bucket, path);
                if (stored != size) {
                    throw new IOException("the bucket holds " + stored + " bytes of " + size);
                }
                copied++;
            } catch (IOException | RuntimeException e) {
                err.println("failed: " + path + ": " + e.getMessage());
                failed++;
            }
        }
        return new Counts(copied, skipped, ignored, failed);
    }

    /** The object's size, or -1 when there is none. */
    private static long sizeInBucket(ImageStorage bucket, String path) throws IOException {
        try {
            return bucket.size(path);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private static List<Path> files(Path from) {
        try (Stream<Path> walk = Files.walk(from)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
