package org.openvault.backend.adminsite;

/** One option of a select: the value sent and the words shown. */
public record Choice(String value, String label) {
}
