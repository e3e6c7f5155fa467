package org.openvault.frontend.rendering;

import org.openvault.frontend.content.DetailPage;

/** What {@code detail.jte} shows: an exhibit or collection page, marked when it is a preview of a draft. */
public record DetailView(DetailPage content, boolean preview) {
}
