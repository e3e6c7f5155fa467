package org.openvault.backend.responsecache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered bodies by request key, each with the content version it was rendered at, within a memory budget:
 * least recently used entries go first. An entry's cost is its body, its key and the map's bookkeeping, so many
 * small answers under long distinct URLs cannot outgrow the budget either. Only the newest version's renderings
 * are kept: an answer is reused only at the version it was rendered at, so older ones could never be served again
 * and go as soon as a rendering of a newer version arrives.
 */
final class ResponseStore {

    record Entry(long version, byte[] body) {
    }

    private static final int ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long newest = Long.MIN_VALUE;

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

    /**
     * Keeps {@code body} unless it would take over a quarter of the budget or was rendered at an older version than
     * one already seen (a concurrent request rendered after a change); a newer version drops every older entry.
     */
    synchronized void put(String key, long version, byte[] body) {
        if (version < newest) {
            return;
        }
        if (version > newest) {
            entries.clear();
            bytes = 0;
            newest = version;
        }
        Entry entry = new Entry(version, body);
        long cost = cost(key, entry);
        if (cost > largestKept(maxBytes)) {
            return;
        }
        Entry old = entries.get(key);
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
