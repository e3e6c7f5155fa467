package org.openvault.backend.pages;

/** A {@code home.HomePage}: its rich-text body in storage format. */
public record HomePage(PageRow page, String body) implements PageContent {
}
