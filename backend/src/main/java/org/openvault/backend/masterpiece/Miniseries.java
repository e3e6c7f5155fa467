package org.openvault.backend.masterpiece;

/**
 * One Masterpiece Theatre miniseries: its key (URL and AAPB special-collection name), season, title, plain-text
 * description (null when none is written) and first broadcast date ({@code YYYY-MM-DD}, null when unknown).
 */
public record Miniseries(String key, int season, String title, String description, String broadcastDate) {
}
