package org.openvault.backend.adminsite;

import java.util.List;

import org.openvault.backend.images.AdminImage;
import org.openvault.backend.images.ImageUsage;

/**
 * The image edit screen: the image, the values typed, the picture to click for the focal point (the whole image at
 * {@code displayWidth} × {@code displayHeight}), the crops the site makes of it, and where it is used.
 */
public record ImageScreen(AdminImage image, String title, String description, String displayUrl, int displayWidth,
                          int displayHeight, List<Crop> crops, List<ImageUsage.Use> usage, String originalUrl,
                          FormProblems problems, String notice) {

    /** One crop the site shows: its rendition at its size. */
    public record Crop(String label, String url, int width, int height) {
    }

    /** The focal point as editors read it: "centred 37% across and 52% down", or null without one. */
    public String focalPoint() {
        if (image.focalPoint() == null) {
            return null;
        }
        return "centred " + Math.round(100.0 * image.focalPoint().x() / image.width()) + "% across and "
                + Math.round(100.0 * image.focalPoint().y() / image.height()) + "% down";
    }

    /** The edit screen's link of a page or author that uses the image. */
    public static String link(ImageUsage.Use use) {
        return use.type().equals("authors.Author") ? "/admin/authors/" + use.id() : EditPage.editPath((int) use.id());
    }
}
