package org.openvault.frontend.rendering;

/** What {@code error.jte} shows: a heading and a sentence saying what went wrong. */
public record ErrorPage(String heading, String message) {
}
