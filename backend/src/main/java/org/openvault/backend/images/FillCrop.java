package org.openvault.backend.images;

/**
 * The geometry of {@code fill-WxH} (§1.8): the largest box of the target aspect ratio that fits the original,
 * centred on the focal point (or the image centre) and pushed back inside the image, then scaled down to W×H —
 * never up: when the box is no wider than W the rendition is the box itself, keeping the aspect ratio.
 *
 * @param left   left edge of the crop box in the original
 * @param top    top edge of the crop box in the original
 * @param width  crop box width
 * @param height crop box height
 * @param outputWidth  width of the rendition
 * @param outputHeight height of the rendition
 */
public record FillCrop(int left, int top, int width, int height, int outputWidth, int outputHeight) {

    public static FillCrop of(int imageWidth, int imageHeight, FocalPoint focalPoint, FilterSpec spec) {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("empty image");
        }
        double aspect = (double) spec.width() / spec.height();
        double cropWidth = Math.min(imageWidth, imageHeight * aspect);
        double cropHeight = cropWidth / aspect;
        double centreX = focalPoint == null ? imageWidth / 2.0 : focalPoint.x();
        double centreY = focalPoint == null ? imageHeight / 2.0 : focalPoint.y();
        double left = clamp(centreX - cropWidth / 2, imageWidth - cropWidth);
        double top = clamp(centreY - cropHeight / 2, imageHeight - cropHeight);

        int x0 = Math.min(imageWidth - 1, (int) Math.round(left));
        int y0 = Math.min(imageHeight - 1, (int) Math.round(top));
        int x1 = Math.min(imageWidth, Math.max(x0 + 1, (int) Math.round(left + cropWidth)));
        int y1 = Math.min(imageHeight, Math.max(y0 + 1, (int) Math.round(top + cropHeight)));
        int width = x1 - x0;
        int height = y1 - y0;
        boolean scaleDown = width > spec.width();
        return new FillCrop(x0, y0, width, height,
                scaleDown ? spec.width() : width,
                scaleDown ? spec.height() : height);
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(value, max));
    }

    public boolean scales() {
        return outputWidth != width || outputHeight != height;
    }
}
