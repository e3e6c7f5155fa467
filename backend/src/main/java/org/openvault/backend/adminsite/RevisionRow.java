package org.openvault.backend.adminsite;

/**
 * One revision in a page's history: who saved it and when, whether it is live or the latest, and the revision before
 * it (null for the first), which "Compare with the previous" compares it with.
 */
public record RevisionRow(long id, String who, String at, String atIso, boolean live, boolean latest,
                          Long previousId) {
}
