package org.openvault.frontend.content;

/** One entry of the sidebar table of contents: the fragment it links to and its label (trusted inline HTML). */
public record TocEntry(String href, String labelHtml) {
}
