package org.openvault.backend.adminsite;

import java.util.List;

/** What the "Add child page" form shows: where the page goes, the types, what was typed, and the messages. */
public record AddScreen(int parentId, String parentTitle, List<PageTypeChoice> types, String type, String title,
                        String slug, FormProblems problems) {

    public String slugHelp() {
        return EditableFields.SLUG_HELP;
    }

    public boolean chosen(PageTypeChoice choice) {
        return choice.key().equals(type);
    }
}
