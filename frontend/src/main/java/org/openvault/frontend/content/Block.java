package org.openvault.frontend.content;

/**
 * A StreamField block ready to render: its type, its DOM id, its HTML (text, heading, subheading, credits, html)
 * or its AAPB group (the six record types). Unknown types with non-text values carry neither and render nothing.
 */
public record Block(String type, String id, String html, AapbGroup group) {
}
