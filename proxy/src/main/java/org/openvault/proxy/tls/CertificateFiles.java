package org.openvault.proxy.tls;

import java.nio.file.Path;

/** A PEM certificate chain and its private key, as mounted from a Kubernetes TLS secret. */
public record CertificateFiles(Path certificate, Path key) {
}
