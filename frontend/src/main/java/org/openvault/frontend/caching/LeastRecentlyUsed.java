package org.openvault.frontend.caching;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries kept within a byte budget, the least recently used evicted first. An entry costing more than a quarter of
 * the budget is not kept, so one large value cannot empty the rest. Not thread-safe: callers synchronise.
 */
public final class LeastRecentlyUsed<K, V> {

    /** What keeping one entry costs, in bytes. */
    public interface Cost<K, V> {
        long of(K key, V value);
    }

    private final long maxBytes;
    private final Cost<K, V> cost;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param maxBytes the budget; 0 keeps nothing */
    public LeastRecentlyUsed(long maxBytes, Cost<K, V> cost) {
        this.maxBytes = maxBytes;
        this.cost = cost;
    }

    /** The value kept for {@code key}, now the most recently used, or null. */
    public V get(K key) {
        return entries.get(key);
    }

    /** Keeps the value (unless it costs over a quarter of the budget), evicting the least recently used beyond it. */
    public void put(K key, V value) {
        long added = cost.of(key, value);
        if (added > maxBytes / 4) {
            remove(key);
            return;
        }
        V previous = entries.put(key, value);
        bytes += added - (previous == null ? 0 : cost.of(key, previous));
        Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<K, V> entry = eldest.next();
            bytes -= cost.of(entry.getKey(), entry.getValue());
            eldest.remove();
        }
    }

    public void remove(K key) {
        V previous = entries.remove(key);
        if (previous != null) {
            bytes -= cost.of(key, previous);
        }
    }

    /** The cost of everything kept. */
    public long bytes() {
        return bytes;
    }
}
