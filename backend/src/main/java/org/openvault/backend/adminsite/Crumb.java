package org.openvault.backend.adminsite;

/** A step of the explorer's breadcrumbs, from Home down. */
public record Crumb(int id, String title) {
}
