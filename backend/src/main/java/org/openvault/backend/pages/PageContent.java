package org.openvault.backend.pages;

/** A page of some type: its common fields plus whatever its type adds. */
public interface PageContent {

    PageRow page();
}
