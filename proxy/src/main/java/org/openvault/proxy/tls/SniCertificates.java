package org.openvault.proxy.tls;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.file.Files;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server certificates, chosen per handshake by the SNI name against each certificate's DNS names (wildcards
 * one label deep), with a default for unknown or missing names. {@link #reloadIfChanged()} re-reads the PEM files
 * and swaps them in for new handshakes when their content changed; a broken file keeps the old certificates.
 */
public final class SniCertificates extends X509ExtendedKeyManager {

    private static final Logger LOG = Logger.getLogger(SniCertificates.class.getName());
    private static final AtomicLong GENERATION = new AtomicLong();

    private record Entry(String alias, PrivateKey key, X509Certificate[] chain, List<String> names) {
    }

    private record Snapshot(List<Entry> entries, Entry fallback, Map<CertificateFiles, byte[]> contents) {
    }

    private final List<CertificateFiles> files;
    private volatile Snapshot current;
    private volatile Snapshot previous;

    /** Loads {@code files}; the first is the default. Fails when one cannot be read. */
    public SniCertificates(List<CertificateFiles> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        this.files = List.copyOf(files);
        this.current = load();
        this.previous = current;
    }

    /** A TLS context whose server certificate comes from here. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {this}, null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Re-reads the files; answers whether new certificates were taken. */
    public synchronized boolean reloadIfChanged() {
        Snapshot now = current;
        try {
            boolean changed = false;
            for (CertificateFiles pair : files) {
                if (!Arrays.equals(now.contents().get(pair), contents(pair))) {
                    changed = true;
                }
            }
            if (!changed) {
                return false;
            }
            Snapshot loaded = load();
            previous = now;
            current = loaded;
            LOG.info("Reloaded TLS certificates from " + files);
            return true;
        } catch (RuntimeException | IOException e) {
            LOG.warning("Keeping the current TLS certificates: " + e.getMessage());
            return false;
        }
    }

    private Snapshot load() {
        List<Entry> entries = new ArrayList<>();
        Map<CertificateFiles, byte[]> contents = new HashMap<>();
        long generation = GENERATION.incrementAndGet();
        for (CertificateFiles pair : files) {
            try {
                contents.put(pair, contents(pair));
                X509Certificate[] chain = readChain(pair);
                PrivateKey key = readKey(pair);
                checkPair(key, chain[0]);
                entries.add(new Entry("cert-" + generation + "-" + entries.size(), key, chain, names(chain[0])));
            } catch (IOException | CertificateException | RuntimeException e) {
                throw new IllegalArgumentException("cannot load TLS certificate " + pair.certificate() + " / " + pair.key()
                        + ": " + e.getMessage(), e);
            }
        }
        return new Snapshot(List.copyOf(entries), entries.getFirst(), contents);
    }

    /** A key that does not belong to the certificate (say, caught half-way through an update) is refused. */
    private static void checkPair(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
                    : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : null;
            if (algorithm == null) {
                return;
            }
            byte[] probe = "open vault".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the certificate");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key does not belong to the certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] contents(CertificateFiles pair) throws IOException {
        byte[] certificate = Files.readAllBytes(pair.certificate());
        byte[] key = Files.readAllBytes(pair.key());
        byte[] both = Arrays.copyOf(certificate, certificate.length + key.length);
        System.arraycopy(key, 0, both, certificate.length, key.length);
        return both;
    }

    private static X509Certificate[] readChain(CertificateFiles pair) throws IOException, CertificateException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(pair.certificate()); PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate in " + pair.certificate());
        }
        return chain.toArray(X509Certificate[]::new);
    }

    private static PrivateKey readKey(CertificateFiles pair) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(pair.key()); PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair keyPair) {
                    return converter.getKeyPair(keyPair).getPrivate();
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IllegalArgumentException("no unencrypted PEM private key in " + pair.key());
    }

    private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            for (List<?> name : certificate.getSubjectAlternativeNames()) {
                if (Integer.valueOf(2).equals(name.get(0))) {
                    names.add(name.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (javax.naming.InvalidNameException e) {
                // no usable CN: the certificate can still be the default
            }
        }
        return names;
    }

    private Entry choose(String keyType, SSLSession handshake) {
        Snapshot snapshot = current;
        String requested = null;
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    requested = host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        if (requested != null) {
            for (Entry entry : snapshot.entries()) {
                if (keyType.equals(entry.key().getAlgorithm()) && matches(entry.names(), requested)) {
                    return entry;
                }
            }
        }
        if (keyType.equals(snapshot.fallback().key().getAlgorithm())) {
            return snapshot.fallback();
        }
        return null;
    }

    static boolean matches(List<String> names, String host) {
        for (String name : names) {
            if (name.equals(host)) {
                return true;
            }
            if (name.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot).equals(name.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Entry byAlias(String alias) {
        for (Snapshot snapshot : new Snapshot[] {current, previous}) {
            for (Entry entry : snapshot.entries()) {
                if (entry.alias().equals(alias)) {
                    return entry;
                }
            }
        }
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession handshake = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        Entry entry = choose(keyType, handshake);
        return entry == null ? null : entry.alias();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Entry entry = choose(keyType, engine == null ? null : engine.getHandshakeSession());
        return entry == null ? null : entry.alias();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry entry = byAlias(alias);
        return entry == null ? null : entry.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry entry = byAlias(alias);
        return entry == null ? null : entry.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.entries().stream().filter(e -> e.key().getAlgorithm().equals(keyType)).map(Entry::alias)
                .toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
