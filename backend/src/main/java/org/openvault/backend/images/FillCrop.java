package org.openvault.backend.images;

/**
 * The geometry of {@code fill-WxH}: the largest box of the target aspect ratio that fits the original,
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
        // Size first, so the rendition's size depends only on the original and the spec, not on the focal point.
        int width = Math.max(1, Math.min(imageWidth, (int) Math.round(cropWidth)));
        int height = Math.max(1, Math.min(imageHeight, (int) Math.round(cropHeight)));
        double centreX = focalPoint == null ? imageWidth / 2.0 : focalPoint.x();
        double centreY = focalPoint == null ? imageHeight / 2.0 : focalPoint.y();
        int left = (int) Math.max(0, Math.min(Math.round(centreX - width / 2.0), imageWidth - width));
        int top = (int) Math.max(0, Math.min(Math.round(centreY - height / 2.0), imageHeight - height));
        boolean scaleDown = width > spec.width();
        return new FillCrop(left, top, width, height,
                scaleDown ? spec.width() : width,
                scaleDown ? spec.height() : height);
    }

    public boolean scales() {
        return outputWidth != width || outputHeight != height;
    }
}
