package org.openvault.backend.adminsite;

import java.util.List;

import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.staticpages.StaticPagesService;

/** A type an editor may create a page of, as the "Add child page" form offers it. */
public record PageTypeChoice(String key, String label, String help) {

    static final List<PageTypeChoice> CREATABLE = List.of(
            new PageTypeChoice(ExhibitPages.TYPE, "Exhibit", "An online exhibition: text, images and objects."),
            new PageTypeChoice(CollectionPages.TYPE, "Collection", "A group of objects with an introduction."),
            new PageTypeChoice(StaticPagesService.TYPE, "Static page", "A page of text, such as About or Visit."));

    public String inputId() {
        return "type-" + key.replace('.', '-');
    }
}
