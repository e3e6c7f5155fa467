package org.openvault.backend.adminsite;

import java.util.ArrayList;
import java.util.List;

import org.openvault.backend.collections.CollectionPages;
import org.openvault.backend.exhibits.ExhibitPages;
import org.openvault.backend.pages.HomeFields;
import org.openvault.backend.staticpages.StaticPagesService;

/**
 * Which simple content fields the edit form edits for a page type: those every page has, plus each type's own text
 * fields and flags. The structured ones (StreamFields, pickers, footnotes) are {@link PageParts}.
 */
final class EditableFields {

    /** How slugs are made and what they may hold: said on the edit form and the add form alike. */
    static final String SLUG_HELP = "The last part of the page's address: letters, digits, hyphens and underscores."
            + " Left empty, it is made from the title.";

    private static final List<FormField> COMMON = List.of(
            new FormField("title", "Title", "The page's name, shown as its heading and in lists.",
                    FormField.Kind.TEXT),
            new FormField("slug", "Slug", SLUG_HELP, FormField.Kind.TEXT),
            new FormField("seo_title", "Title for search engines",
                    "Shown in the browser tab and search results instead of the title; optional.", FormField.Kind.TEXT),
            new FormField("search_description", "Search description",
                    "A sentence or two search engines may show under the title; optional.", FormField.Kind.TEXTAREA),
            new FormField("show_in_menus", "Show in menus",
                    "Whether the site's menus list this page.", FormField.Kind.CHECKBOX));

    private static final FormField SUBTITLE = new FormField("subtitle", "Subtitle",
            "A line under the title; plain text.", FormField.Kind.TEXT);
    private static final String HTML_HELP = "HTML. It is sanitised when saved: scripts, event handlers and tags"
            + " the site does not use are removed.";

    private static final String RICH_HELP = "Sanitised when saved: only the formatting the site shows is kept.";

    private EditableFields() {
    }

    static List<FormField> of(String type) {
        List<FormField> fields = new ArrayList<>(COMMON);
        if (StaticPagesService.TYPE.equals(type)) {
            fields.add(SUBTITLE);
            fields.add(new FormField("body", "Body", HTML_HELP, FormField.Kind.TEXTAREA));
        } else if (HomeFields.TYPE.equals(type)) {
            fields.add(new FormField("body", "Body", HTML_HELP, FormField.Kind.TEXTAREA));
        } else if (CollectionPages.TYPE.equals(type)) {
            fields.add(new FormField("introduction", "Introduction", "Rich text shown above the collection's"
                    + " content. " + RICH_HELP, FormField.Kind.RICH_TEXT));
            fields.add(new FormField("featured", "Featured collection",
                    "Featured collections are shown on the home page and listed first.", FormField.Kind.CHECKBOX));
        } else if (ExhibitPages.TYPE.equals(type)) {
            fields.add(new FormField("featured", "Featured exhibit",
                    "Featured exhibits appear on the home page and as other exhibits.", FormField.Kind.CHECKBOX));
        }
        return List.copyOf(fields);
    }
}
