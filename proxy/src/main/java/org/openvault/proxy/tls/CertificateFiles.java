package org.openvault.proxy.tls;

import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;

/** A PEM certificate chain and its private key, as mounted from a Kubernetes TLS secret. */
public record CertificateFiles(Path certificate, Path key) {

    public CertificateFiles {
        for (Path file : new Path[] {certificate, key}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " does not exist or cannot be read");
            }
        }
    }

    /** Server-side TLS (1.2 and 1.3 only) with these files. */
    public Tls serverTls() {
        Keys keys = Keys.builder()
                .pem(pem -> pem.key(Resource.create(key)).certChain(Resource.create(certificate)))
                .build();
        return Tls.builder()
                .privateKey(keys.privateKey().orElseThrow(() -> new IllegalArgumentException("No private key in " + key)))
                .privateKeyCertChain(keys.certChain())
                .enabledProtocols(java.util.List.of("TLSv1.3", "TLSv1.2"))
                .build();
    }
}
