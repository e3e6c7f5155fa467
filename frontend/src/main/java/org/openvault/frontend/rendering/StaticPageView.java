package org.openvault.frontend.rendering;

import org.openvault.frontend.content.StaticPage;

/** What {@code static-page.jte} shows: a static page and, when it has one, its link back (else null). */
public record StaticPageView(StaticPage content, BackLink back) {
}
