package org.openvault.backend.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CopyMediaToBucket command against a real S3 server (s3proxy), its settings given as environment variables. */
class CopyMediaToBucketTest {

    private static S3TestServer s3;
    private static S3Client client;

    @TempDir
    Path media;

    @BeforeAll
    static void startTheStore() {
        s3 = S3TestServer.start("copy-once", "copy-resume", "copy-refused");
        client = s3.client();
    }

    @AfterAll
    static void stopTheStore() {
        client.close();
        s3.close();
    }

    @Test
    void copiesEveryFileOnceAndSkipsThemWhenRunAgain() throws IOException {
        byte[] original = ImagesAdminTest.drawn("jpeg", 200, 100);
        byte[] rendition = ImagesAdminTest.drawn("png", 40, 20);
        write("original_images/mural.jpg", original);
        write("images/mural.2e16d0ba.fill-40x20.png", rendition);
        write("documents/credits.pdf", "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII));
        write("images/.tmp-123.part", new byte[] {1, 2, 3});
        write(".DS_Store", new byte[] {0});

        Run first = run("copy-once", "--from=" + media);
        assertEquals(0, first.status(), first.err());
        assertEquals("Copied 3, skipped 0 (already in the bucket with the same size), ignored 2 (names a bucket key"
                + " cannot have), failed 0.", first.out().strip());
        assertEquals(List.of("documents/credits.pdf", "images/mural.2e16d0ba.fill-40x20.png",
                "original_images/mural.jpg"), keys("copy-once"));
        assertArrayEquals(original, object("copy-once", "original_images/mural.jpg"));
        assertArrayEquals(rendition, object("copy-once", "images/mural.2e16d0ba.fill-40x20.png"));

        Run again = run("copy-once", "--from=" + media);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().startsWith("Copied 0, skipped 3 "), again.out());
    }

    @Test
    void aStoppedCopyResumesWithTheFilesNotYetWholeInTheBucket() throws IOException {
        byte[] done = ImagesAdminTest.drawn("png", 30, 30);
        byte[] half = ImagesAdminTest.drawn("jpeg", 300, 200);
        write("original_images/done.png", done);
        write("original_images/half.jpg", half);
        write("original_images/todo.jpg", ImagesAdminTest.drawn("jpeg", 50, 50));
        // What an interrupted earlier run left: one object whole, one cut short by another tool, one missing.
        put("copy-resume", "original_images/done.png", done);
        put("copy-resume", "original_images/half.jpg", java.util.Arrays.copyOf(half, half.length / 2));

        Run resumed = run("copy-resume", "--from=" + media);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().startsWith("Copied 2, skipped 1 "), resumed.out());
        assertArrayEquals(half, object("copy-resume", "original_images/half.jpg"));
    }

    @Test
    void refusesWithoutABucketOrAFolder() {
        Map<String, String> env = new HashMap<>(environment("copy-refused"));
        env.remove("OV_MEDIA_S3_BUCKET");
        Run noBucket = run(env, "--from=" + media);
        assertEquals(2, noBucket.status());
        assertTrue(noBucket.err().contains("OV_MEDIA_S3_BUCKET"), noBucket.err());

        Run noFolder = run("copy-refused", "--from=" + media.resolve("absent"));
        assertEquals(2, noFolder.status());
        assertTrue(noFolder.err().contains("no such folder"), noFolder.err());
        assertEquals(List.of(), keys("copy-refused"));
    }

    @Test
    void anUnreachableStoreFailsEveryFileWithExitCode1() throws IOException {
        write("original_images/unsent.jpg", ImagesAdminTest.drawn("jpeg", 20, 20));
        s3.stop();
        Run failed;
        try {
            failed = run("copy-refused", "--from=" + media);
        } finally {
            s3.restart();
        }
        assertEquals(1, failed.status());
        assertTrue(failed.out().startsWith("Copied 0, skipped 0 ") && failed.out().strip().endsWith("failed 1."),
                failed.out());
        assertTrue(failed.err().contains("failed: original_images/unsent.jpg"), failed.err());
    }

    // ---- helpers ----

    private record Run(int status, String out, String err) {
    }

    private Map<String, String> environment(String bucket) {
        return Map.of(
                "OV_MEDIA_S3_BUCKET", bucket,
                "OV_MEDIA_S3_ENDPOINT", s3.endpoint(),
                "OV_MEDIA_S3_PATH_STYLE", "true",
                "OV_MEDIA_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY,
                "OV_MEDIA_S3_SECRET_KEY", S3TestServer.SECRET_KEY,
                "OV_MEDIA_S3_CONNECT_TIMEOUT_SECONDS", "1");
    }

    private Run run(String bucket, String... args) {
        return run(environment(bucket), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CopyMediaToBucket.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void write(String path, byte[] bytes) throws IOException {
        Path file = media.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static void put(String bucket, String key, byte[] bytes) {
        client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] object(String bucket, String key) {
        return client.getObject(get -> get.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    private static List<String> keys(String bucket) {
        return client.listObjectsV2(list -> list.bucket(bucket)).contents().stream().map(S3Object::key).sorted()
                .toList();
    }
}
