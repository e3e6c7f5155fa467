package org.openvault.backend.images;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The arithmetic of fill-WxH; the rendered files are checked in RenditionsTest. */
class FillCropTest {

    private static final FilterSpec COVER = FilterSpec.parse("fill-1920x1080");

    @Test
    void largeOriginalIsCroppedToAspectAroundTheCentreThenScaledDown() {
        assertEquals(new FillCrop(0, 375, 4000, 2250, 1920, 1080), FillCrop.of(4000, 3000, null, COVER));
    }

    @Test
    void wideOriginalLosesItsSidesAndIsNeverScaledUp() {
        // 1000 px high gives a 1778x1000 box: narrower than 1920, so it stays that size.
        assertEquals(new FillCrop(1111, 0, 1778, 1000, 1778, 1000), FillCrop.of(4000, 1000, null, COVER));
    }

    @Test
    void tallOriginalLosesTopAndBottom() {
        assertEquals(new FillCrop(0, 1219, 1000, 563, 480, 270),
                FillCrop.of(1000, 3000, null, FilterSpec.parse("fill-480x270")));
    }

    @Test
    void smallOriginalKeepsItsWidthAndTheTargetAspect() {
        FillCrop crop = FillCrop.of(300, 200, null, COVER);
        assertEquals(new FillCrop(0, 16, 300, 169, 300, 169), crop);
    }

    @Test
    void originalOfExactlyTheTargetSizeIsLeftAlone() {
        assertEquals(new FillCrop(0, 0, 1920, 1080, 1920, 1080), FillCrop.of(1920, 1080, null, COVER));
    }

    @Test
    void focalPointMovesTheBoxAndTheImageEdgeStopsIt() {
        FilterSpec square = FilterSpec.parse("fill-100x100");
        assertEquals(500, FillCrop.of(4000, 3000, null, square).left());
        assertEquals(100, FillCrop.of(4000, 3000, new FocalPoint(1600, 1500, 50, 50), square).left());
        assertEquals(1000, FillCrop.of(4000, 3000, new FocalPoint(3900, 1500, 100, 100), square).left());
        assertEquals(0, FillCrop.of(4000, 3000, new FocalPoint(10, 10, 10, 10), square).left());
    }

    @Test
    void focalPointMovesTheBoxVerticallyOnTallOriginals() {
        FilterSpec hero = FilterSpec.parse("fill-1600x500");
        assertEquals(1344, FillCrop.of(1000, 3000, null, hero).top());
        FillCrop crop = FillCrop.of(1000, 3000, new FocalPoint(500, 200, 40, 40), hero);
        assertEquals(44, crop.top());
        assertEquals(1000, crop.width());
        assertEquals(313, crop.height());
        assertEquals(1000, crop.outputWidth());
        assertEquals(313, crop.outputHeight());
    }

    @Test
    void focalPointKeysMatchWagtail() {
        assertEquals("2e16d0ba", FocalPoint.keyOf(null));
        assertEquals(8, FocalPoint.keyOf(new FocalPoint(1, 2, 3, 4)).length());
    }

    @Test
    void onlyFillSpecsAreAccepted() {
        assertEquals(new FilterSpec(480, 270), FilterSpec.parse("fill-480x270"));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.parse("width-400"));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.parse("fill-0x10"));
        assertThrows(IllegalArgumentException.class, () -> FilterSpec.parse("fill-10x10 "));
    }
}
