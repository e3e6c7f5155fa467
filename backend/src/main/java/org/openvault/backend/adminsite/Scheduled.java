package org.openvault.backend.adminsite;

/** A page with a time set to go live or to expire. */
public record Scheduled(int id, String title, String type, String event, String at, String atIso) {
}
