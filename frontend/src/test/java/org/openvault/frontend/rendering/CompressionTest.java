package org.openvault.frontend.rendering;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvault.frontend.rendering.Compression.Coding.BROTLI;
import static org.openvault.frontend.rendering.Compression.Coding.GZIP;
import static org.openvault.frontend.rendering.Compression.Coding.IDENTITY;

/** Accept-Encoding negotiation as HTTP defines it: q-values, {@code *}, {@code q=0}. */
class CompressionTest {

    @Test
    void theHighestQualityWinsAndBrotliWinsATie() {
        assertEquals(BROTLI, Compression.choose("gzip, deflate, br, zstd", true));
        assertEquals(GZIP, Compression.choose("br;q=0.5, gzip", true));
        assertEquals(BROTLI, Compression.choose("br;q=0.9, gzip;q=0.8", true));
        assertEquals(GZIP, Compression.choose("GZIP", true));
    }

    @Test
    void zeroQualityRefusesAndStarStandsForTheRest() {
        assertEquals(IDENTITY, Compression.choose("gzip;q=0", true));
        assertEquals(IDENTITY, Compression.choose("", true));
        assertEquals(IDENTITY, Compression.choose("deflate, identity", true));
        assertEquals(BROTLI, Compression.choose("*", true));
        assertEquals(GZIP, Compression.choose("*;q=0.5, br;q=0", true));
        assertEquals(IDENTITY, Compression.choose("*;q=0", true));
    }

    @Test
    void withoutTheNativeLibraryGzipIsTheBestOnOffer() {
        assertEquals(GZIP, Compression.choose("br, gzip", false));
        assertEquals(IDENTITY, Compression.choose("br", false));
    }

    @Test
    void malformedQualitiesCountAsRefusals() {
        assertEquals(GZIP, Compression.choose("br;q=abc, gzip", true));
        assertEquals(GZIP, Compression.choose("br;q=2, gzip", true));
    }
}
