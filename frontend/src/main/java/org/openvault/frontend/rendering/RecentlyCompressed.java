package org.openvault.frontend.rendering;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

import org.openvault.frontend.caching.LeastRecentlyUsed;

/**
 * Compressed forms of recently sent bodies, so a page that did not change is compressed once rather than on every
 * request. Keyed by the body's exact bytes and the coding, so a hit is always the right answer; least recently used
 * evicted first within a byte budget that counts the kept bodies as well as their compressed forms.
 */
final class RecentlyCompressed {

    private static final int ENTRY_OVERHEAD = 160;

    private final long maxBytes;
    private final LeastRecentlyUsed<Key, byte[]> entries;

    /** @param maxBytes budget for bodies and their compressed forms; 0 keeps nothing */
    RecentlyCompressed(long maxBytes) {
        this.maxBytes = maxBytes;
        this.entries = new LeastRecentlyUsed<>(maxBytes, RecentlyCompressed::cost);
    }

    /** The {@code coding} form of {@code body}: remembered, else made by {@code compress} and remembered. */
    byte[] compressed(Compression.Coding coding, byte[] body, UnaryOperator<byte[]> compress) {
        if (maxBytes <= 0) {
            return compress.apply(body);
        }
        Key key = new Key(coding, body);
        byte[] known;
        synchronized (this) {
            known = entries.get(key);
        }
        if (known != null) {
            return known;
        }
        byte[] made = compress.apply(body);
        remember(key, made);
        return made;
    }

    synchronized long bytes() {
        return entries.bytes();
    }

    private synchronized void remember(Key key, byte[] value) {
        entries.put(key, value);
    }

    private static long cost(Key key, byte[] value) {
        return (long) key.body.length + value.length + ENTRY_OVERHEAD;
    }

    private static final class Key {
        private final Compression.Coding coding;
        private final byte[] body;
        private final int hash;

        Key(Compression.Coding coding, byte[] body) {
            this.coding = coding;
            this.body = body;
            CRC32C crc = new CRC32C();
            crc.update(body);
            this.hash = (int) crc.getValue() * 31 + coding.ordinal();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.coding == coding && Arrays.equals(key.body, body);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
