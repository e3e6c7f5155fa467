package org.openvault.frontend.home;

import org.openvault.frontend.content.Image;

/** One carousel slide on the home page: position (1-based), link, title and hero image (may be null). */
public record Slide(int number, String href, String title, Image image) {
}
