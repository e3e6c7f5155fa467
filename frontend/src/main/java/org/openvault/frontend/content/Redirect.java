package org.openvault.frontend.content;

/** Where an old Open Vault URL now lives: a site path or an absolute URL; permanent ones are sent as 301. */
public record Redirect(String location, boolean permanent) {
}
