package org.openvault.backend.images;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in the test JVM: s3proxy (Jetty) over an in-memory jclouds blob store, with SigV4 keys and
 * path-style addressing as MinIO or Ceph have them. It can be stopped and started again on the same port with its
 * objects kept, to show what the backend does while its store is unreachable. Public for the images module, whose
 * replica test gives one of these to backends running in their own processes.
 */
public final class S3TestServer implements AutoCloseable {

    static final String ACCESS_KEY = "ov-test-access";
    static final String SECRET_KEY = "ov-test-secret-key-0123456789";

    private final BlobStoreContext store;
    private final int port;
    private S3Proxy proxy;

    private S3TestServer(BlobStoreContext store, int port) {
        this.store = store;
        this.port = port;
    }

    /** A started server holding the given (empty) buckets. */
    public static S3TestServer start(String... buckets) {
        BlobStoreContext store = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        for (String bucket : buckets) {
            store.getBlobStore().createContainerInLocation(null, bucket);
        }
        S3TestServer server = new S3TestServer(store, freePort());
        server.startProxy();
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The backend settings (as {@code ov.media.*} keys) that store media in {@code bucket} on this server. */
    public Map<String, String> backendSettings(String bucket) {
        return Map.of(
                "ov.media.storage", "s3",
                "ov.media.s3.bucket", bucket,
                "ov.media.s3.endpoint", endpoint(),
                "ov.media.s3.path-style", "true",
                "ov.media.s3.access-key", ACCESS_KEY,
                "ov.media.s3.secret-key", SECRET_KEY,
                "ov.media.s3.connect-timeout-seconds", "1");
    }

    /** The same settings as the environment variables of a backend process (OV_MEDIA_STORAGE, …). */
    public Map<String, String> backendEnvironment(String bucket) {
        Map<String, String> env = new java.util.HashMap<>();
        backendSettings(bucket).forEach((key, value) ->
                env.put(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    /** Copies a media folder into {@code bucket} with the CopyMediaToBucket command; answers its exit code. */
    public int copyFolder(java.nio.file.Path folder, String bucket) {
        return CopyMediaToBucket.run(new String[] {"--from=" + folder}, backendEnvironment(bucket), System.out,
                System.err);
    }

    /** An S3 client of this server, built as the backend builds its own. */
    S3Client client() {
        return S3ImageStorage.client(Config.just(ConfigSources.create(backendSettings("any"))).get("ov.media.s3"));
    }

    /** Stops answering: connections to the port are refused until {@link #restart()}. */
    void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers again on the same port, with the objects it held. */
    void restart() {
        startProxy();
    }

    private void startProxy() {
        proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        store.close();
    }
}
