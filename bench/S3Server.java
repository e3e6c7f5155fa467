import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server for bench/images.sh with MEDIA_STORAGE=s3: s3proxy over a folder (jclouds filesystem), the bucket
 * made, SigV4 keys. s3proxy's own Main is not used: it bridges JUL into SLF4J, which loops with the backend's
 * slf4j-jdk14 on the same class path.
 * Run: java -cp <backend test class path> bench/S3Server.java PORT FOLDER BUCKET ACCESS_KEY SECRET_KEY
 */
public final class S3Server {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        Files.createDirectories(folder.resolve(args[2]));
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toString());
        BlobStoreContext store = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + args[0]))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[3], args[4])
                .build();
        proxy.start();
        System.out.println("S3 server on http://127.0.0.1:" + args[0] + ", bucket " + args[2] + " in " + folder);
        Thread.currentThread().join();
    }
}
