package org.openvault.backend.adminsite;

/** An image as a picker shows it: its title and thumbnail (null when its original cannot be read). */
public record ImageChoice(int id, String title, String thumbnailUrl) {
}
