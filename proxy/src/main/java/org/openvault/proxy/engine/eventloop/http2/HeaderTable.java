package org.openvault.proxy.engine.eventloop.http2;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * HPACK's index space (RFC 7541, 2.3): the 61 entries of the static table, then the decoder's dynamic table, newest
 * first, evicted oldest first to stay within its size (each entry counts its name, its value and 32 octets).
 */
final class HeaderTable {

    static final int STATIC_SIZE = 61;

    /** Names and values of the static table (RFC 7541, Appendix A), pairwise: index {@code i} at {@code 2(i - 1)}. */
    private static final String[] STATIC = {
        ":authority", "", ":method", "GET",
        ":method", "POST", ":path", "/",
        ":path", "/index.html", ":scheme", "http",
        ":scheme", "https", ":status", "200",
        ":status", "204", ":status", "206",
        ":status", "304", ":status", "400",
        ":status", "404", ":status", "500",
        "accept-charset", "", "accept-encoding", "gzip, deflate",
        "accept-language", "", "accept-ranges", "",
        "accept", "", "access-control-allow-origin", "",
        "age", "", "allow", "",
        "authorization", "", "cache-control", "",
        "content-disposition", "", "content-encoding", "",
        "content-language", "", "content-length", "",
        "content-location", "", "content-range", "",
        "content-type", "", "cookie", "",
        "date", "", "etag", "",
        "expect", "", "expires", "",
        "from", "", "host", "",
        "if-match", "", "if-modified-since", "",
        "if-none-match", "", "if-range", "",
        "if-unmodified-since", "", "last-modified", "",
        "link", "", "location", "",
        "max-forwards", "", "proxy-authenticate", "",
        "proxy-authorization", "", "range", "",
        "referer", "", "refresh", "",
        "retry-after", "", "server", "",
        "set-cookie", "", "strict-transport-security", "",
        "transfer-encoding", "", "user-agent", "",
        "vary", "", "via", "",
        "www-authenticate", ""
    };

    private final ArrayDeque<String[]> dynamic = new ArrayDeque<>();
    private int size;
    private int maxSize;

    HeaderTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** The static index of {@code name} (its first entry), or 0. */
    static int staticNameIndex(String name) {
        for (int i = 0; i < STATIC.length; i += 2) {
            if (STATIC[i].equals(name)) {
                return i / 2 + 1;
            }
        }
        return 0;
    }

    /** The static index of exactly {@code name: value}, or 0. */
    static int staticIndex(String name, String value) {
        for (int i = 0; i < STATIC.length; i += 2) {
            if (STATIC[i].equals(name) && STATIC[i + 1].equals(value)) {
                return i / 2 + 1;
            }
        }
        return 0;
    }

    /** Name and value at {@code index} (1-based, static then dynamic), or null when there is no such entry. */
    String[] get(int index) {
        if (index >= 1 && index <= STATIC_SIZE) {
            return new String[] {STATIC[2 * (index - 1)], STATIC[2 * (index - 1) + 1]};
        }
        int dynamicIndex = index - STATIC_SIZE - 1;
        if (dynamicIndex < 0 || dynamicIndex >= dynamic.size()) {
            return null;
        }
        Iterator<String[]> entries = dynamic.iterator();
        for (int i = 0; i < dynamicIndex; i++) {
            entries.next();
        }
        return entries.next();
    }

    void add(String name, String value) {
        int entrySize = entrySize(name, value);
        evictUntil(maxSize - entrySize);
        // An entry larger than the table empties it and is not added (RFC 7541, 4.4).
        if (entrySize <= maxSize) {
            dynamic.addFirst(new String[] {name, value});
            size += entrySize;
        }
    }

    void resize(int newMaxSize) {
        maxSize = newMaxSize;
        evictUntil(newMaxSize);
    }

    int size() {
        return size;
    }

    static int entrySize(String name, String value) {
        return name.length() + value.length() + 32;
    }

    private void evictUntil(int limit) {
        while (size > Math.max(0, limit) && !dynamic.isEmpty()) {
            String[] oldest = dynamic.removeLast();
            size -= entrySize(oldest[0], oldest[1]);
        }
    }
}
