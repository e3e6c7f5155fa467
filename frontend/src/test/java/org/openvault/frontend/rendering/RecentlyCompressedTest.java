package org.openvault.frontend.rendering;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvault.frontend.rendering.Compression.Coding.BROTLI;
import static org.openvault.frontend.rendering.Compression.Coding.GZIP;

/** An unchanged body is compressed once; a changed one, another coding or an evicted one is compressed again. */
class RecentlyCompressedTest {

    private final AtomicInteger compressions = new AtomicInteger();
    private final UnaryOperator<byte[]> gzip = body -> {
        compressions.incrementAndGet();
        return Compression.gzip(body);
    };

    @Test
    void theSameBytesAreCompressedOnceEvenInAnotherArray() {
        RecentlyCompressed recent = new RecentlyCompressed(1 << 20);
        byte[] first = recent.compressed(GZIP, page("a"), gzip);
        byte[] second = recent.compressed(GZIP, page("a"), gzip);
        assertEquals(1, compressions.get());
        assertArrayEquals(Compression.gzip(page("a")), second);
        assertArrayEquals(first, second);
    }

    @Test
    void aChangedBodyOrAnotherCodingIsCompressedAgain() {
        RecentlyCompressed recent = new RecentlyCompressed(1 << 20);
        recent.compressed(GZIP, page("a"), gzip);
        byte[] changed = recent.compressed(GZIP, page("b"), gzip);
        assertArrayEquals(Compression.gzip(page("b")), changed);
        recent.compressed(BROTLI, page("a"), gzip);
        assertEquals(3, compressions.get());
    }

    @Test
    void theBudgetCountsBodiesAndEvictsTheLeastRecentlyUsed() {
        int budget = 4 * (page("x").length + 2_000);
        RecentlyCompressed recent = new RecentlyCompressed(budget);
        for (int i = 0; i < 50; i++) {
            recent.compressed(GZIP, page("p" + i), gzip);
            assertTrue(recent.bytes() <= budget, "kept " + recent.bytes() + " bytes over a budget of " + budget);
        }
        recent.compressed(GZIP, page("p49"), gzip);
        assertEquals(50, compressions.get(), "the most recent page is still kept");
        recent.compressed(GZIP, page("p0"), gzip);
        assertEquals(51, compressions.get(), "the oldest page was evicted");
    }

    @Test
    void aZeroBudgetCompressesEveryTime() {
        RecentlyCompressed recent = new RecentlyCompressed(0);
        recent.compressed(GZIP, page("a"), gzip);
        recent.compressed(GZIP, page("a"), gzip);
        assertEquals(2, compressions.get());
        assertEquals(0, recent.bytes());
    }

    private static byte[] page(String marker) {
        return ("<!doctype html><title>" + marker + "</title>" + "<p>Open Vault</p>".repeat(400))
                .getBytes(StandardCharsets.UTF_8);
    }
}
