package org.openvault.backend.redirects;

/** An old site path and where it lives now (a site path or an absolute URL). */
public record Redirect(String oldPath, String target, boolean permanent) {
}
