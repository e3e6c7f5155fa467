package org.openvault.frontend.content;

/** One AAPB record of a group: its normalised GUID, its catalog page and the player URL (with start/end). */
public record AapbTile(String guid, String catalogUrl, String embedUrl) {
}
