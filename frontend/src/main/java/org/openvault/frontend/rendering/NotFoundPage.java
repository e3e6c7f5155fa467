package org.openvault.frontend.rendering;

/** What {@code not-found.jte} shows above its links to the main sections: which address found nothing. */
public record NotFoundPage(String message) {
}
