package org.openvault.backend.adminsite;

/** One page as the explorer and the dashboard show it; labels already human, times already formatted. */
public record PageRow(int id, String title, String type, String status, String editedBy, String editedAt,
                      String editedAtIso, long children) {
}
