package org.openvault.backend.adminsite;

/** An audit entry about a page, for the dashboard. */
public record Activity(String at, String atIso, String username, String action, String pageId, String title) {
}
