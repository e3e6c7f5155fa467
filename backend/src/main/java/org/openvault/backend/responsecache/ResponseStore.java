package org.openvault.backend.responsecache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered bodies by request key, each with the content version it was rendered at, within a memory budget:
 * least recently used entries go first. An entry's cost is its body, its key and the map's bookkeeping, so many
 * small answers under long distinct URLs cannot outgrow the budget either.
 */
final class ResponseStore {

    record Entry(long version, byte[] body) {
    }

    private static final int ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ResponseStore(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(String key) {
        return entries.get(key);
    }

    /** The longest body a store of {@code maxBytes} keeps: a quarter of its budget. */
    static long largestKept(long maxBytes) {
        return maxBytes / 4;
    }

    /** Keeps {@code body} unless it would take over a quarter of the budget or a newer rendering is kept already. */
    synchronized void put(String key, long version, byte[] body) {
        Entry entry = new Entry(version, body);
        long cost = cost(key, entry);
        if (cost > largestKept(maxBytes)) {
            return;
        }
        Entry old = entries.get(key);
        if (old != null && old.version() > version) {
            return; // a concurrent request already kept a newer rendering
        }
        entries.put(key, entry);
        bytes += cost - (old == null ? 0 : cost(key, old));
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> evicted = eldest.next();
            bytes -= cost(evicted.getKey(), evicted.getValue());
            eldest.remove();
        }
    }

    /** The memory the entries are counted as holding. */
    synchronized long bytes() {
        return bytes;
    }

    private static long cost(String key, Entry entry) {
        return entry.body().length + 2L * key.length() + ENTRY_OVERHEAD;
    }
}
