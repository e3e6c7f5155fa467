package org.openvault.backend.images;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Image files in a private S3-compatible bucket (AWS, MinIO, Ceph, R2, GCS interoperability), under the keys a
 * Wagtail site with django-storages uses: {@code [prefix/]original_images/…} and {@code [prefix/]images/…}, so an
 * existing bucket keeps working. The backend streams them under {@code /media/}; renditions may instead be linked
 * from a public or CDN origin ({@code public-base-url}).
 */
public final class S3ImageStorage implements ImageStorage, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3ImageStorage.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String renditionBaseUrl;

    public S3ImageStorage(S3Client s3, String bucket, String prefix, String renditionBaseUrl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.renditionBaseUrl = renditionBaseUrl.endsWith("/")
                ? renditionBaseUrl.substring(0, renditionBaseUrl.length() - 1) : renditionBaseUrl;
    }

    /**
     * From {@code ov.media.s3}: bucket (required), endpoint (empty: AWS), region, path-style, access-key and
     * secret-key (empty: the SDK's default chain: environment, profile, web identity, container or instance role),
     * prefix, public-base-url, connect-timeout-seconds, read-timeout-seconds.
     */
    public static S3ImageStorage fromConfig(Config s3) {
        String bucket = s3.get("bucket").asString().orElse("");
        if (bucket.isBlank()) {
            throw new IllegalStateException(
                    "ov.media.storage is s3 but ov.media.s3.bucket (OV_MEDIA_S3_BUCKET) is empty");
        }
        return new S3ImageStorage(client(s3), bucket, s3.get("prefix").asString().orElse(""),
                s3.get("public-base-url").asString().orElse(""));
    }

    /** An S3 client for the settings of {@code ov.media.s3}. */
    static S3Client client(Config s3) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(s3.get("connect-timeout-seconds").asInt().orElse(2)))
                        .socketTimeout(Duration.ofSeconds(s3.get("read-timeout-seconds").asInt().orElse(20))))
                .region(Region.of(s3.get("region").asString().orElse("us-east-1")))
                .forcePathStyle(s3.get("path-style").asBoolean().orElse(false))
                .credentialsProvider(credentials(s3))
                // Stores other than AWS (older MinIO, Ceph, R2, GCS) refuse the chunked trailing checksums that the
                // SDK would otherwise send with every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = s3.get("endpoint").asString().orElse("");
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Config s3) {
        String accessKey = s3.get("access-key").asString().orElse("");
        if (accessKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                s3.get("secret-key").asString().orElse("")));
    }

    @Override
    public InputStream read(String path) throws IOException {
        return open(path).content();
    }

    @Override
    public StoredFile open(String path) throws IOException {
        String key = key(path);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(get -> get.bucket(bucket).key(key));
            return new StoredFile(in, in.response().contentLength());
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public void write(String path, byte[] bytes) throws IOException {
        try {
            s3.putObject(put(path), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public void write(String path, Path source) throws IOException {
        try {
            s3.putObject(put(path), RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    // A PUT replaces an object whole: readers see the old object or the new one, never a part.
    private PutObjectRequest put(String path) {
        return PutObjectRequest.builder().bucket(bucket).key(key(path))
                .contentType(MediaService.contentType(path))
                // For a CDN or public bucket in front: names never get new content.
                .cacheControl(MediaService.CACHE_FOREVER)
                .build();
    }

    @Override
    public void delete(String path) throws IOException {
        String key = key(path);
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            size(path);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new MediaUnavailableException("media storage failed on " + path, e);
        }
    }

    @Override
    public long size(String path) throws IOException {
        String key = key(path);
        try {
            return s3.headObject(head -> head.bucket(bucket).key(key)).contentLength();
        } catch (SdkException e) {
            throw failure(path, e);
        }
    }

    @Override
    public String url(String path) {
        if (!renditionBaseUrl.isEmpty() && path.startsWith("images/")) {
            return renditionBaseUrl + "/" + prefix + MediaPath.check(path);
        }
        return "/media/" + MediaPath.check(path);
    }

    /**
     * The bucket answers: a HEAD on it succeeds, or is refused for lack of the list permission (403), which a
     * policy granting only object reads and writes does.
     */
    @Override
    public boolean answers() {
        try {
            s3.headBucket(head -> head.bucket(bucket));
            return true;
        } catch (SdkServiceException e) {
            return e.statusCode() == 403;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private String key(String path) {
        return prefix + MediaPath.check(path);
    }

    /** An absent object is a {@link NoSuchFileException}; anything else means the storage cannot serve us now. */
    private static NoSuchFileException failure(String path, SdkException e) {
        if (e instanceof SdkServiceException service && service.statusCode() == 404) {
            return new NoSuchFileException(path);
        }
        LOG.log(Level.WARNING, "Media storage failed on " + path + ": " + e.getMessage());
        throw new MediaUnavailableException("media storage unavailable", e);
    }
}
